import { defineConfig } from 'vitest/config'

// Integration tier: real PostgreSQL + Redis (started by .ci/run), fakes of third-party servers on loopback.
// Each file gets its own database and queue prefix (test/setup/). Files run one at a time: several spawn whole
// processes (npm start, the demo on embedded PostgreSQL, killed workers) whose timing claims need the cores.
export default defineConfig({
  test: {
    include: ['test/integration/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
    globalSetup: ['test/setup/global-setup.ts'],
  },
})
