import type { EntityManager } from 'typeorm'
import type { Org } from '../../core/opportunity/org.js'
import { Task } from './entities/task.entity.js'

export type NewTask = {
  tenantId: string; opportunityId: string | null; assigneeId: string; kind: 'task' | 'review'; title: string
  data: Record<string, unknown>; dueAt: Date | null; idempotencyKey: string
}

/** Once per idempotency key: a replayed rule finds its task and adds nothing. */
export async function insertTask(tx: EntityManager, t: NewTask): Promise<{ id: string; inserted: boolean }> {
  const res = await tx.query(
    `INSERT INTO task (tenant_id, opportunity_id, assignee_id, kind, title, data, due_at, idempotency_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (tenant_id, idempotency_key) DO NOTHING RETURNING id`,
    [t.tenantId, t.opportunityId, t.assigneeId, t.kind, t.title.slice(0, 300), t.data, t.dueAt, t.idempotencyKey],
  ) as { id: string }[]
  if (res[0]) return { id: res[0].id, inserted: true }
  const existing = await tx.findOneByOrFail(Task, { tenantId: t.tenantId, idempotencyKey: t.idempotencyKey })
  return { id: existing.id, inserted: false }
}

/** What 待办 shows: the member's open tasks, soonest due first. */
export async function listOpenTasks(m: EntityManager, tenantId: string, assigneeId: string): Promise<Task[]> {
  return m.createQueryBuilder(Task, 't').where('t.tenant_id = :tenantId AND t.assignee_id = :assigneeId AND t.done_at IS NULL',
    { tenantId, assigneeId }).orderBy('t.due_at', 'ASC', 'NULLS LAST').addOrderBy('t.created_at', 'ASC').getMany()
}

export async function findTaskForUpdate(tx: EntityManager, tenantId: string, id: string): Promise<Task | null> {
  return tx.findOne(Task, { where: { tenantId, id }, lock: { mode: 'pessimistic_write' } })
}

export async function markTaskReminded(tx: EntityManager, t: Task, at: Date): Promise<void> {
  await tx.update(Task, { tenantId: t.tenantId, id: t.id }, { data: { ...t.data, remindedAt: at.toISOString() } })
}

/** Open review tasks past due and not yet reminded: what the sweep re-enqueues when a job was lost. */
export async function findDueTaskReminders(m: EntityManager, now: Date, limit: number): Promise<{ tenantId: string; taskId: string }[]> {
  const rows = await m.query(
    `SELECT id, tenant_id FROM task WHERE done_at IS NULL AND kind = 'review' AND due_at <= $1 AND NOT (data ? 'remindedAt')
     ORDER BY due_at LIMIT $2`, [now, limit],
  ) as { id: string; tenant_id: string }[]
  return rows.map((r) => ({ tenantId: r.tenant_id, taskId: r.id }))
}

/**
 * The org chart as the engine reads it: direct-manager links, skills, and each member's open task
 * count (so skill assignment picks the least loaded).
 */
export async function loadOrg(m: EntityManager, tenantId: string): Promise<Org> {
  // Raw rows, one query: this runs in every event's transaction, and entity hydration of a large org is the slow part.
  const rows = await m.query(
    `SELECT m.id, m.name, m.manager_id, m.skills, m.role, m.hire_date::text AS hire_date, coalesce(t.n, 0)::int AS open_tasks
     FROM member m LEFT JOIN (SELECT assignee_id, count(*) AS n FROM task WHERE tenant_id = $1 AND done_at IS NULL GROUP BY assignee_id) t
       ON t.assignee_id = m.id
     WHERE m.tenant_id = $1 AND m.active`, [tenantId],
  ) as { id: string; name: string; manager_id: string | null; skills: string[]; role: string; hire_date: string | null; open_tasks: number }[]
  return {
    members: rows.map((x) => ({
      id: x.id, name: x.name, managerId: x.manager_id, skills: x.skills, role: x.role, openTaskCount: x.open_tasks,
      ...(x.hire_date ? { hireDate: new Date(`${x.hire_date}T00:00:00+08:00`) } : {}),
    })),
  }
}
