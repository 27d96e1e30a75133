import { defineConfig } from 'vitest/config'

// Integration tier: real PostgreSQL + Redis (started by .ci/run), fakes of third-party servers on loopback.
// Each file gets its own database schema and queue prefix (test/setup/), so files may run in parallel.
export default defineConfig({
  test: {
    include: ['test/integration/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 90_000,
    globalSetup: ['test/setup/global-setup.ts'],
  },
})
