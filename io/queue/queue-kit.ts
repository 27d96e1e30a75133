import { Queue, Worker, createPostgresBackend, type JobsOptions, type Processor, type WorkerOptions } from 'bullmq'
import { Redis } from 'ioredis'
import { parsePayload, type Payload, type QueueName } from './queues.js'

// Queues and workers of either backend; the backend type parameter differs, the API does not.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyQueue = Queue<any, any, string, any, any, string, any, any>
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyWorker = Worker<any, any, string, any, any, any>

export type QueueBackendOptions =
  | { kind: 'redis'; url: string; prefix: string }
  | { kind: 'postgres'; url: string; prefix: string; poolSize: number; schema?: string }

/**
 * The one place that knows which BullMQ backend runs: Redis in production and CI, BullMQ's PostgreSQL
 * backend for the zero-setup demo. Producers fail fast when Redis is away (the inbox keeps the event);
 * workers wait through reconnects.
 */
export class QueueKit {
  private readonly queues = new Map<QueueName, AnyQueue>()
  private readonly workers: AnyWorker[] = []
  private producer: Redis | undefined
  private readonly workerConnections: Redis[] = []
  /** PostgreSQL backend: once one connection has run BullMQ's schema migrations, the others skip the check. */
  private pgMigrated = false

  constructor(readonly options: QueueBackendOptions) {}

  queue(name: QueueName): AnyQueue {
    let q: AnyQueue | undefined = this.queues.get(name)
    if (!q) {
      q = this.options.kind === 'redis'
        ? new Queue(name, { connection: this.producerConnection(), prefix: this.options.prefix })
        : new Queue(name, { connection: this.pgConnection(), prefix: this.options.prefix }, createPostgresBackend)
      q.on('error', () => undefined) // surfaced through add() rejections and /readyz instead
      if (this.options.kind === 'postgres' && !this.pgMigrated) void q.waitUntilReady().then(() => (this.pgMigrated = true), () => undefined)
      this.queues.set(name, q)
    }
    return q
  }

  async add<Q extends QueueName>(name: Q, payload: Payload<Q>, opts: JobsOptions & { jobId: string }): Promise<void> {
    parsePayload(name, payload)
    await this.queue(name).add(name, payload, { removeOnComplete: 1000, removeOnFail: 5000, ...opts })
  }

  worker<Q extends QueueName>(name: Q, processor: Processor, opts: Omit<WorkerOptions, 'connection'> = {}): AnyWorker {
    const w: AnyWorker = this.options.kind === 'redis'
      ? new Worker(name, processor, { ...opts, prefix: this.options.prefix, connection: this.workerConnection() })
      : new Worker(name, processor, { ...opts, prefix: this.options.prefix, connection: this.pgConnection() },
          createPostgresBackend)
    this.workers.push(w)
    return w
  }

  /** True when the queue store answers within the timeout. */
  async ping(timeoutMs = 2000): Promise<boolean> {
    const probe = this.queue('sweep').getJobCounts('waiting').then(() => true, () => false)
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref())
    return Promise.race([probe, timeout])
  }

  /** Workers first (they finish in-flight jobs), then producers. */
  async close(): Promise<void> {
    await Promise.allSettled(this.workers.map((w) => w.close()))
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()))
    this.producer?.disconnect()
    // BullMQ leaves a connection it was given open: without this a closed kit kept the process alive.
    for (const c of this.workerConnections.splice(0)) c.disconnect()
  }

  private workerConnection(): Redis {
    if (this.options.kind !== 'redis') throw new Error('worker connection is Redis-only')
    const c = new Redis(this.options.url, { maxRetriesPerRequest: null })
    this.workerConnections.push(c)
    return c
  }

  private producerConnection(): Redis {
    if (this.options.kind !== 'redis') throw new Error('producer connection is Redis-only')
    this.producer ??= new Redis(this.options.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: false,
    })
    this.producer.on('error', () => undefined) // reconnects by itself; callers see rejected commands
    return this.producer
  }

  private pgConnection() {
    if (this.options.kind !== 'postgres') throw new Error('pg connection is postgres-only')
    const base = { connectionString: this.options.url, max: this.options.poolSize, schema: this.options.schema }
    return this.pgMigrated ? { ...base, skipMigrations: true, skipVersionCheck: true } : { ...base, migrate: true }
  }
}
