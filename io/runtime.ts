import { Redis } from 'ioredis'
import type { DataSource } from 'typeorm'
import type { Settings } from '../config/settings.js'
import { createDataSource } from './db/data-source.js'
import { createLogger, type Logger } from './log.js'
import { QueueKit } from './queue/queue-kit.js'

/** What both processes need, built once from validated settings and passed down (no container). */
export type Runtime = { settings: Settings; db: DataSource; queues: QueueKit; log: Logger; redis?: Redis }

export async function openRuntime(settings: Settings, name: string, log = createLogger(settings.LOG_LEVEL, name)): Promise<Runtime> {
  const db = createDataSource({ url: settings.DATABASE_URL, poolSize: settings.DATABASE_POOL_SIZE, applicationName: name })
  await db.initialize()
  const queues = new QueueKit(
    settings.QUEUE_BACKEND === 'redis' && settings.REDIS_URL
      ? { kind: 'redis', url: settings.REDIS_URL, prefix: settings.QUEUE_PREFIX }
      : { kind: 'postgres', url: settings.DATABASE_URL, prefix: settings.QUEUE_PREFIX, poolSize: 2 },
  )
  // Shared by the token cache and the send limiter; absent in the Redis-free demo.
  const redis = settings.REDIS_URL ? new Redis(settings.REDIS_URL, { maxRetriesPerRequest: 2, lazyConnect: true }) : undefined
  redis?.on('error', (err: Error) => log.warn({ err: err.message }, 'redis error'))
  return { settings, db, queues, log, ...(redis ? { redis } : {}) }
}

export async function closeRuntime(rt: Runtime): Promise<void> {
  await rt.queues.close()
  rt.redis?.disconnect()
  if (rt.db.isInitialized) await rt.db.destroy()
}
