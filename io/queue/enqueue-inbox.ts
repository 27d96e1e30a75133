import type { Logger } from '../log.js'
import type { QueueKit } from './queue-kit.js'
import { jobId } from './queues.js'

/** Deterministic per inbox row and attempt count, so the sweep can re-enqueue a row whose job failed for good. */
export const inboxJobId = (inboxId: string, attempts: number) => jobId('inbox', inboxId, `a${attempts}`)
const ENQUEUE_TIMEOUT_MS = 500

/**
 * Enqueue a stored inbox row. Never fails the callback: when Redis is away the row is already safe in
 * PostgreSQL and the sweep enqueues it later, so the platform gets its 200 either way.
 */
export async function enqueueInbox(queues: QueueKit, tenantId: string, inboxId: string, log: Logger): Promise<boolean> {
  const add = queues.addSoon('events', { tenantId, inboxId }, {
    jobId: inboxJobId(inboxId, 0), attempts: 5, backoff: { type: 'exponential', delay: 1000 },
  }).then(() => true)
  // Cleared as soon as the add settles: left running, every callback would build an Error 500 ms later.
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<boolean>((_, rej) => {
    timer = setTimeout(() => rej(new Error('enqueue timed out')), ENQUEUE_TIMEOUT_MS).unref()
  })
  try {
    return await Promise.race([add, timeout])
  } catch (err) {
    log.warn({ err: (err as Error).message, inboxId }, 'enqueue failed; the sweep will pick the event up')
    add.catch(() => undefined)
    return false
  } finally {
    clearTimeout(timer)
  }
}
