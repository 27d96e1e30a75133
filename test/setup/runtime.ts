import { randomUUID } from 'node:crypto'
import { loadSettings, type Settings } from '../../config/settings.js'
import { createLogger } from '../../io/log.js'
import { QueueKit } from '../../io/queue/queue-kit.js'
import type { Runtime } from '../../io/runtime.js'
import { TEST_REDIS_URL } from './env.js'
import type { TestDb } from './test-db.js'

/** Settings as a test process would load them: its own database and a unique queue prefix. */
export function testSettings(dbUrl: string, extra: Record<string, string> = {}): Settings {
  return loadSettings({
    DATABASE_URL: dbUrl, REDIS_URL: TEST_REDIS_URL, SESSION_SECRET: 'test-secret-test-secret-test-secret!',
    QUEUE_PREFIX: `test-${randomUUID()}`, LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', ...extra,
  })
}

export function testRuntime(t: TestDb, extra: Record<string, string> = {}): Runtime {
  const settings = testSettings(t.url, extra)
  const queues = new QueueKit({ kind: 'redis', url: TEST_REDIS_URL, prefix: settings.QUEUE_PREFIX })
  return { settings, db: t.db, queues, log: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent', 'test') }
}
