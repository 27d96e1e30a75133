import { createHash } from 'node:crypto'
import type { EntityManager } from 'typeorm'
import type { NodeRun as CoreNodeRun } from '../../core/opportunity/types.js'
import type { WorkingDuration } from '../../core/timing/duration.js'
import { addWorkingTime, nextWorkingInstant, type Calendar } from '../../core/timing/working-calendar.js'
import { appendAudit } from './audit.repo.js'
import { NodeRun } from './entities/node-run.entity.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The engine names a new run after its opportunity, node and visit count (`<opp>-<node>-<n>`) so a
 * replayed move names the same run; the table wants a uuid. Hashing that name keeps it deterministic.
 */
export function runUuid(id: string): string {
  if (UUID.test(id)) return id.toLowerCase()
  const h = createHash('sha1').update(`node_run/${id}`).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`
}

export function toCoreRun(e: NodeRun): CoreNodeRun {
  return {
    id: e.id, node: e.node, enteredAt: e.enteredAt, reminderLevel: e.reminderLevel,
    ...(e.dueAt ? { dueAt: e.dueAt } : {}),
    ...(e.exit === 'skipped' ? { skipped: true } : {}),
    ...(e.exit === 'back' && e.doneAt ? { returnedAt: e.doneAt } : {}),
    ...(e.exit !== 'skipped' && e.exit !== 'back' && e.doneAt ? { doneAt: e.doneAt } : {}),
  }
}

/** A skipped or sent-back run is closed too: done_at marks every run the sweep must no longer look at. */
function closedAt(r: CoreNodeRun, now: Date): Date | null {
  return r.doneAt ?? r.returnedAt ?? (r.skipped ? now : null)
}
const exitOf = (r: CoreNodeRun): NodeRun['exit'] => (r.skipped ? 'skipped' : r.returnedAt ? 'back' : r.doneAt ? 'advanced' : null)

/** Insert or update runs by their (derived) id; `nextReminderAt` is the sweep's source of truth. */
export async function saveNodeRuns(
  tx: EntityManager, tenantId: string, opportunityId: string, runs: readonly CoreNodeRun[], now: Date,
  nextReminderAt: (r: CoreNodeRun) => Date | null,
): Promise<void> {
  for (const r of runs) {
    const done = closedAt(r, now)
    await tx.query(
      `INSERT INTO node_run (id, tenant_id, opportunity_id, node, entered_at, due_at, done_at, exit, reminder_level, next_reminder_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (id) DO UPDATE SET due_at = EXCLUDED.due_at, done_at = EXCLUDED.done_at, exit = EXCLUDED.exit,
         reminder_level = EXCLUDED.reminder_level, next_reminder_at = EXCLUDED.next_reminder_at, updated_at = now()`,
      [runUuid(r.id), tenantId, opportunityId, r.node, r.enteredAt, r.dueAt ?? null, done, exitOf(r), r.reminderLevel,
        done ? null : nextReminderAt(r)],
    )
  }
}

/** A reminder level sent on open runs: each run's new level and next reminder time, in one statement. */
export async function saveReminderLevels(
  tx: EntityManager, tenantId: string, runs: readonly { id: string; level: number; nextReminderAt: Date | null }[],
): Promise<void> {
  if (runs.length === 0) return
  await tx.query(
    `UPDATE node_run SET reminder_level = v.level, next_reminder_at = v.next_at, updated_at = now()
     FROM unnest($2::uuid[], $3::smallint[], $4::timestamptz[]) AS v(id, level, next_at)
     WHERE node_run.tenant_id = $1 AND node_run.id = v.id`,
    [tenantId, runs.map((r) => r.id), runs.map((r) => r.level), runs.map((r) => r.nextReminderAt)],
  )
}

export async function findNodeRun(m: EntityManager, tenantId: string, id: string): Promise<NodeRun | null> {
  return m.findOneBy(NodeRun, { tenantId, id })
}

export async function listNodeRuns(m: EntityManager, tenantId: string, opportunityId: string): Promise<NodeRun[]> {
  return m.find(NodeRun, { where: { tenantId, opportunityId }, order: { enteredAt: 'ASC', createdAt: 'ASC' } })
}

export type DueReminder = { tenantId: string; nodeRunId: string; level: number; at: Date }

/**
 * Open runs whose next reminder is due, oldest first. Served by the partial index
 * idx_node_run_open_reminder (next_reminder_at WHERE done_at IS NULL), so closed history costs nothing.
 */
export async function findDueReminders(m: EntityManager, now: Date, limit: number): Promise<DueReminder[]> {
  const rows = await m.query(
    `SELECT id, tenant_id, reminder_level, next_reminder_at FROM node_run
     WHERE done_at IS NULL AND next_reminder_at <= $1 ORDER BY next_reminder_at LIMIT $2`, [now, limit],
  ) as { id: string; tenant_id: string; reminder_level: number; next_reminder_at: Date }[]
  return rows.map((r) => ({ tenantId: r.tenant_id, nodeRunId: r.id, level: r.reminder_level + 1, at: r.next_reminder_at }))
}

/**
 * 延期1天: push the run's next reminder back by working time, recorded in the audit log. Null when the
 * run is closed or has no reminder left. The caller enqueues the returned reminder after commit.
 */
export async function snoozeNodeRun(
  tx: EntityManager, tenantId: string, nodeRunId: string, by: WorkingDuration, actor: string, cal: Calendar, now: Date,
): Promise<DueReminder | null> {
  const found = await tx.findOneBy(NodeRun, { tenantId, id: nodeRunId })
  if (!found) return null
  // The opportunity's lock first, as every event and reminder takes it: a reminder firing now waits or sees the snooze.
  await tx.query('SELECT 1 FROM opportunity WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [tenantId, found.opportunityId])
  const run = await tx.findOneBy(NodeRun, { tenantId, id: nodeRunId })
  if (!run || run.doneAt || !run.nextReminderAt) return null
  const from = run.nextReminderAt
  // A snoozed reminder lands when people work: 09:00 the next working day rather than 18:00 today.
  const to = nextWorkingInstant(addWorkingTime(from > now ? from : now, by, cal), cal)
  await tx.update(NodeRun, { tenantId, id: nodeRunId }, { nextReminderAt: to })
  await appendAudit(tx, { tenantId, at: now, actor, entity: 'node_run', entityId: nodeRunId, action: 'reminder.snoozed',
    data: { level: run.reminderLevel + 1, from: from.toISOString(), to: to.toISOString() } })
  return { tenantId, nodeRunId, level: run.reminderLevel + 1, at: to }
}
