import { defineConfig } from 'vitest/config'

// End-to-end tier: the built sidebar in Debian's Chromium (playwright-core, no downloaded browser) against the
// real bot + worker on PostgreSQL + Redis, with the fake WeCom server on loopback.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 240_000,
    globalSetup: ['test/setup/global-setup.ts', 'test/e2e/build-sidebar.ts'],
  },
})
