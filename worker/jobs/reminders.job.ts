import type { ProcessConfig } from '../../io/config/process-config.js'
import { Member } from '../../io/db/entities/member.entity.js'
import { findNodeRun } from '../../io/db/node-run.repo.js'
import { findTaskForUpdate, markTaskReminded } from '../../io/db/task.repo.js'
import { writeOutbox } from '../../io/db/outbox.repo.js'
import { afterCommit, handleEvent } from '../../io/handle-event.js'
import type { Payload } from '../../io/queue/queues.js'
import type { JobContext, JobHandler } from '../job-context.js'
import { concurrencyLimit } from './concurrency-limit.js'
import { escalateBatch, type BatchOutcome, type DueRun } from './escalate-batch.js'
import { escalation } from './escalation-decision.js'
import { microBatch } from './micro-batch.js'

/** Jobs that BullMQ hands this worker together are escalated in one transaction (see escalateBatch). */
export const REMINDER_BATCH = { max: 50, waitMs: 10 }
/** Enough jobs at once for full batches, one filling while another commits. */
export const REMINDERS_CONCURRENCY = 2 * REMINDER_BATCH.max
/**
 * Reminders left to the one-opportunity shell at once (a transaction each): as many as the queue ran before
 * batching, so a burst of reminders whose node.overdue rules act cannot take every pooled connection.
 */
const SINGLE_AT_ONCE = 4

type Queued = DueRun & { ctx: JobContext }

/**
 * Fires one reminder level of a node run (or a review task falling due). Everything is re-checked under
 * the opportunity's lock: a closed run, a level already sent or a snoozed reminder does nothing. The
 * outbox keys (reminder_<run>_<level>_<member>) make a second worker or a retry add nothing. Due runs
 * arriving together go through escalateBatch; what it leaves goes through the one-opportunity shell.
 */
export function handleRemindersJob(config: ProcessConfig): JobHandler<'reminders'> {
  const batch = microBatch<Queued, BatchOutcome>((tenantId, items) => {
    const ctx = items[0]!.ctx
    return escalateBatch({ db: ctx.rt.db, queues: ctx.rt.queues, config, log: ctx.log }, tenantId, items, ctx.now())
  }, REMINDER_BATCH)
  const single = concurrencyLimit(SINGLE_AT_ONCE)
  return async (p, ctx) => {
    if ('taskId' in p) return remindTask(p, ctx)
    if (await batch(p.tenantId, { nodeRunId: p.nodeRunId, level: p.level, ctx }) === 'single') await single(() => remindOne(config, p, ctx))
  }
}

async function remindOne(config: ProcessConfig, p: { tenantId: string; nodeRunId: string; level: number }, ctx: JobContext): Promise<void> {
  const run = await findNodeRun(ctx.rt.db.manager, p.tenantId, p.nodeRunId)
  if (!run || run.doneAt) return
  const deps = { db: ctx.rt.db, queues: ctx.rt.queues, config, log: ctx.log }
  const r = await handleEvent(deps, { tenantId: p.tenantId, opportunityId: run.opportunityId, actor: 'system:reminders' }, ctx.now(),
    escalation(p.nodeRunId, p.level))
  if (!r.ok) ctx.log.warn({ rejection: r.error, nodeRunId: p.nodeRunId }, 'reminder not sent')
  else if (r.value.decision) ctx.log.info({ nodeRunId: p.nodeRunId, level: p.level, outbox: r.value.done.outbox.length }, 'reminder sent')
}

async function remindTask(p: Extract<Payload<'reminders'>, { taskId: string }>, ctx: JobContext): Promise<void> {
  const done = await ctx.rt.db.transaction(async (tx) => {
    const task = await findTaskForUpdate(tx, p.tenantId, p.taskId)
    if (!task || task.doneAt || typeof task.data.remindedAt === 'string' || (task.dueAt && task.dueAt > ctx.now())) return null
    const member = await tx.findOneBy(Member, { tenantId: p.tenantId, id: task.assigneeId })
    const title = (task.data.title as { zh?: string; en?: string } | undefined)?.[member?.lang ?? 'zh'] ?? task.title
    const text = member?.lang === 'en' ? `Overdue review: ${title}` : `审核已超时，请尽快处理：${title}`
    const row = await writeOutbox(tx, { tenantId: p.tenantId, idempotencyKey: `review_due_${task.id}`,
      recipientId: task.assigneeId, kind: 'review_due', payload: { kind: 'text', text }, notBefore: ctx.now() })
    await markTaskReminded(tx, task, ctx.now())
    return row.inserted ? [{ id: row.id, tenantId: p.tenantId, notBefore: ctx.now() }] : []
  })
  if (done) await afterCommit({ queues: ctx.rt.queues, log: ctx.log }, { outbox: done, reminders: [], tasks: [], cancelled: [] }, ctx.now())
}
