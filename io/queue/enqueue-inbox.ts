import type { Logger } from '../log.js'
import type { QueueKit } from './queue-kit.js'
import { jobId, type Payload } from './queues.js'

/** Deterministic per inbox row and attempt count, so the sweep can re-enqueue a row whose job failed for good. */
export const inboxJobId = (inboxId: string, attempts: number) => jobId('inbox', inboxId, `a${attempts}`)
const ENQUEUE_TIMEOUT_MS = 500
const MAX_ROWS_PER_JOB = 500
const RETRIES = { attempts: 5, backoff: { type: 'exponential', delay: 1000 } } as const

/** The job that handles one inbox row (the sweep's re-enqueue and a batch job's fan-out add exactly this). */
export function inboxJob(tenantId: string, inboxId: string, attempts = 0) {
  return {
    name: 'events' as const,
    data: { tenantId, inboxId } satisfies Payload<'events'>,
    opts: { jobId: inboxJobId(inboxId, attempts), ...RETRIES, removeOnComplete: 1000, removeOnFail: 5000 },
  }
}

/** Whoever asked: its logger is read only when an enqueue fails (a request's logger is made on first use). */
export type LogHolder = { readonly log: Logger }
type Waiting = { tenantId: string; inboxId: string; by: LogHolder; resolve: (queued: boolean) => void }
const gatherers = new WeakMap<QueueKit, (w: Waiting) => void>()

/**
 * Enqueue a stored inbox row. Never fails the callback: when Redis is away the row is already safe in
 * PostgreSQL and the sweep enqueues it later, so the platform gets its 200 either way.
 *
 * Rows stored in the same tick share one job that the worker fans out into the per-row jobs (events.job.ts):
 * a BullMQ add costs the callback process ~40–60 µs of CPU per job even in bulk, about a fifth of a callback,
 * and under a burst this keeps it to one add per batch. A lone row is added as its own job, as before.
 */
export function enqueueInbox(queues: QueueKit, tenantId: string, inboxId: string, by: LogHolder): Promise<boolean> {
  const gather = gatherers.get(queues) ?? createGatherer(queues)
  return new Promise((resolve) => gather({ tenantId, inboxId, by, resolve }))
}

/** The gatherer of one QueueKit, made on first use. */
function createGatherer(queues: QueueKit): (w: Waiting) => void {
  let pending: Waiting[] = []
  let scheduled = false
  const flush = () => {
    scheduled = false
    while (pending.length > 0) {
      const batch = pending.slice(0, MAX_ROWS_PER_JOB)
      pending = pending.slice(batch.length)
      void addBatch(queues, batch)
    }
  }
  const gather = (w: Waiting) => {
    pending.push(w)
    if (!scheduled) {
      scheduled = true
      setImmediate(flush)
    }
  }
  gatherers.set(queues, gather)
  return gather
}

async function addBatch(queues: QueueKit, batch: Waiting[]): Promise<void> {
  const [first] = batch
  if (!first) return
  const add = batch.length === 1
    ? queues.add('events', { tenantId: first.tenantId, inboxId: first.inboxId }, inboxJob(first.tenantId, first.inboxId).opts)
    : queues.add('events', { rows: batch.map((w) => ({ tenantId: w.tenantId, inboxId: w.inboxId })) },
      { jobId: jobId('inboxes', first.inboxId, `n${batch.length}`), ...RETRIES })
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, rej) => {
    timer = setTimeout(() => rej(new Error('enqueue timed out')), ENQUEUE_TIMEOUT_MS).unref()
  })
  let queued = true
  try {
    await Promise.race([add, timeout])
  } catch (err) {
    queued = false
    add.catch(() => undefined)
    first.by.log.warn({ err: (err as Error).message, inboxIds: batch.map((w) => w.inboxId) }, 'enqueue failed; the sweep will pick the events up')
  } finally {
    clearTimeout(timer)
  }
  for (const w of batch) w.resolve(queued)
}
