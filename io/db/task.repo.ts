import type { EntityManager } from 'typeorm'
import type { Org } from '../../core/opportunity/org.js'
import { Task } from './entities/task.entity.js'
import { listMembers } from './member.repo.js'

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
  const members = await listMembers(m, tenantId)
  const counts = await m.query(
    'SELECT assignee_id, count(*)::int AS n FROM task WHERE tenant_id = $1 AND done_at IS NULL GROUP BY assignee_id', [tenantId],
  ) as { assignee_id: string; n: number }[]
  const load = new Map(counts.map((c) => [c.assignee_id, c.n]))
  return {
    members: members.map((x) => ({
      id: x.id, name: x.name, managerId: x.managerId, skills: x.skills, role: x.role, openTaskCount: load.get(x.id) ?? 0,
      ...(x.hireDate ? { hireDate: new Date(`${x.hireDate}T00:00:00+08:00`) } : {}),
    })),
  }
}
