import type { QueueKit } from './queue-kit.js'
import { jobId } from './queues.js'

/** Per row and due time: a row given back for later (rate limit, transient error) gets a fresh job id. */
export const notifyJobId = (outboxId: string, notBefore: Date) => jobId('outbox', outboxId, notBefore.getTime())

export type OutboxRef = { id: string; tenantId: string; notBefore: Date }

/** After commit: one delayed job per outbox row. Failures are left to the sweep (the row is safe in PostgreSQL). */
export async function enqueueOutbox(queues: QueueKit, rows: readonly OutboxRef[], now = new Date()): Promise<void> {
  if (rows.length === 0) return
  await queues.queue('notify').addBulk(rows.map((r) => ({
    name: 'notify',
    data: { tenantId: r.tenantId, outboxId: r.id },
    opts: { jobId: notifyJobId(r.id, r.notBefore), delay: Math.max(0, r.notBefore.getTime() - now.getTime()), attempts: 8,
      backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: 1000, removeOnFail: 5000 },
  })))
}
