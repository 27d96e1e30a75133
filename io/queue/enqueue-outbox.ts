import type { QueueKit } from './queue-kit.js'
import { jobId } from './queues.js'

/**
 * Per row, due time and attempt: a row given back for later (rate limit, transient error) or left `sending` by a
 * worker that died gets a fresh job id, so BullMQ (which keeps finished ids for a while) never ignores the retry.
 */
export const notifyJobId = (outboxId: string, notBefore: Date, attempts = 0) =>
  jobId('outbox', outboxId, notBefore.getTime(), `a${attempts}`)

export type OutboxRef = { id: string; tenantId: string; notBefore: Date; attempts?: number }

/** After commit: one delayed job per outbox row. Failures are left to the sweep (the row is safe in PostgreSQL). */
export async function enqueueOutbox(queues: QueueKit, rows: readonly OutboxRef[], now = new Date()): Promise<void> {
  if (rows.length === 0) return
  await queues.queue('notify').addBulk(rows.map((r) => ({
    name: 'notify',
    data: { tenantId: r.tenantId, outboxId: r.id },
    opts: { jobId: notifyJobId(r.id, r.notBefore, r.attempts ?? 0), delay: Math.max(0, r.notBefore.getTime() - now.getTime()), attempts: 8,
      backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: 1000, removeOnFail: 5000 },
  })))
}
