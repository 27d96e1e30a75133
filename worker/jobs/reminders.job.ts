import { escalate } from '../../core/opportunity/escalate.js'
import { ok } from '../../core/result.js'
import type { ProcessConfig } from '../../io/config/process-config.js'
import { Member } from '../../io/db/entities/member.entity.js'
import { findNodeRun } from '../../io/db/node-run.repo.js'
import { findTaskForUpdate, markTaskReminded } from '../../io/db/task.repo.js'
import { writeOutbox } from '../../io/db/outbox.repo.js'
import { afterCommit, handleEvent, nextReminderAt, type Decide } from '../../io/handle-event.js'
import type { Payload } from '../../io/queue/queues.js'
import type { JobContext, JobHandler } from '../job-context.js'

/** A job firing a little before its row's time (clock skew between hosts) still counts as due. */
const EARLY_MS = 1_000

/**
 * Fires one reminder level of a node run (or a review task falling due). Everything is re-checked under
 * the opportunity's lock: a closed run, a level already sent or a snoozed reminder does nothing. The
 * outbox keys (reminder_<run>_<level>_<member>) make a second worker or a retry add nothing.
 */
export function handleRemindersJob(config: ProcessConfig): JobHandler<'reminders'> {
  return async (p, ctx) => {
    if ('taskId' in p) return remindTask(p, ctx)
    const run = await findNodeRun(ctx.rt.db.manager, p.tenantId, p.nodeRunId)
    if (!run || run.doneAt) return
    const deps = { db: ctx.rt.db, queues: ctx.rt.queues, config, log: ctx.log }
    const r = await handleEvent(deps, { tenantId: p.tenantId, opportunityId: run.opportunityId, actor: 'system:reminders' }, ctx.now(),
      escalation(p.nodeRunId, p.level))
    if (!r.ok) ctx.log.warn({ rejection: r.error, nodeRunId: p.nodeRunId }, 'reminder not sent')
    else if (r.value.decision) ctx.log.info({ nodeRunId: p.nodeRunId, level: p.level, outbox: r.value.done.outbox.length }, 'reminder sent')
  }
}

const escalation = (nodeRunId: string, level: number): Decide => (i) => {
  const run = i.opportunity.nodeRuns.find((r) => r.id === nodeRunId)
  if (!run || run.reminderLevel >= level) return ok(null)
  // Snoozed (or rescheduled) since this job was queued: the row's time wins, and its own job will come.
  const stored = i.nextReminderAt.get(nodeRunId)
  if (stored && stored.getTime() > i.now.getTime() + EARLY_MS) return ok(null)
  const due = nextReminderAt(run, i.def, i.calendar, i.now)
  if (due && due.getTime() > i.now.getTime() + EARLY_MS) return ok(null)
  const e = escalate(i.opportunity, i.def, nodeRunId, level, i.calendar, i.now, i.org, i.opportunity.activities)
  // No audit entry: the outbox row and the run's reminder level record it, and the per-tenant audit chain
  // would make every reminder of a tenant wait for the previous one's commit.
  return ok(e && { opportunity: e.opportunity, effects: e.effects })
}

async function remindTask(p: Extract<Payload<'reminders'>, { taskId: string }>, ctx: JobContext): Promise<void> {
  const done = await ctx.rt.db.transaction(async (tx) => {
    const task = await findTaskForUpdate(tx, p.tenantId, p.taskId)
    if (!task || task.doneAt || typeof task.data.remindedAt === 'string' || (task.dueAt && task.dueAt > ctx.now())) return null
    const member = await tx.findOneBy(Member, { tenantId: p.tenantId, id: task.assigneeId })
    const title = (task.data.title as { zh?: string; en?: string } | undefined)?.[member?.lang ?? 'zh'] ?? task.title
    const text = member?.lang === 'en' ? `Overdue review: ${title}` : `审核已超时，请尽快处理：${title}`
    const row = await writeOutbox(tx, { tenantId: p.tenantId, idempotencyKey: `review_due_${task.id}`, channel: 'wecom',
      recipientId: task.assigneeId, kind: 'review_due', payload: { kind: 'text', text }, notBefore: ctx.now() })
    await markTaskReminded(tx, task, ctx.now())
    return row.inserted ? [{ id: row.id, tenantId: p.tenantId, notBefore: ctx.now() }] : []
  })
  if (done) await afterCommit({ queues: ctx.rt.queues, log: ctx.log }, { outbox: done, reminders: [], tasks: [], cancelled: [] }, ctx.now())
}
