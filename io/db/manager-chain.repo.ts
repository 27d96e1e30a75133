import type { EntityManager } from 'typeorm'
import type { Org } from '../../core/opportunity/org.js'

/**
 * The part of the org that reminder recipients are resolved from (owner, direct manager, manager's
 * manager: core's resolveRelations): the given members, their managers and their managers' managers,
 * active only and shaped as loadOrg shapes the whole org, open task counts included. A batch of
 * reminders for a large org reads a few rows per owner instead of every member. Rules that pick
 * members by skill or load need the whole org (loadOrg).
 */
export async function loadManagerChains(m: EntityManager, tenantId: string, memberIds: readonly string[]): Promise<Org> {
  if (memberIds.length === 0) return { members: [] }
  const rows = await m.query(
    `WITH RECURSIVE chain(id, manager_id, depth) AS (
       SELECT id, manager_id, 0 FROM member WHERE tenant_id = $1 AND active AND id = ANY($2::uuid[])
       UNION
       SELECT m.id, m.manager_id, c.depth + 1 FROM chain c JOIN member m ON m.tenant_id = $1 AND m.active AND m.id = c.manager_id
       WHERE c.depth < 2)
     SELECT m.id, m.name, m.manager_id, m.skills, m.role, m.hire_date::text AS hire_date,
       (SELECT count(*) FROM task t WHERE t.tenant_id = $1 AND t.assignee_id = m.id AND t.done_at IS NULL)::int AS open_tasks
     FROM member m WHERE m.tenant_id = $1 AND m.id IN (SELECT id FROM chain)`, [tenantId, [...new Set(memberIds)]],
  ) as { id: string; name: string; manager_id: string | null; skills: string[]; role: string; hire_date: string | null; open_tasks: number }[]
  return {
    members: rows.map((x) => ({
      id: x.id, name: x.name, managerId: x.manager_id, skills: x.skills, role: x.role, openTaskCount: x.open_tasks,
      ...(x.hire_date ? { hireDate: new Date(`${x.hire_date}T00:00:00+08:00`) } : {}),
    })),
  }
}
