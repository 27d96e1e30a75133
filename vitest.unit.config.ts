import { defineConfig } from 'vitest/config'

// Unit tier: pure code only (core/, codecs, config parsing). No services, no network.
export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'io/**/*.test.ts', 'config/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    coverage: {
      enabled: true,
      provider: 'v8',
      include: ['core/**/*.ts'],
      exclude: ['core/**/*.test.ts', 'core/testing.ts'],
      reporter: ['text-summary'],
      thresholds: { lines: 90 },
    },
  },
})
