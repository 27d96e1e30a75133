import type { EntityManager } from 'typeorm'
import type { NodeRecord } from '../../core/dashboard/coaching.js'
import type { StatusCount } from '../../core/dashboard/matrix.js'
import type { NodeRunStatus } from '../../core/timing/node-run-status.js'
import { Member } from './entities/member.entity.js'

/** Whom a caller may see on the dashboard: admins everyone, managers their org subtree, reps only themselves. */
export type Scope = { all: true } | { all: false; memberIds: string[] }

/**
 * The dashboard status of a run, as core's nodeRunStatus decides it for runs whose due time was pinned at entry
 * (every run the engine opens is): skipped or sent back → not reached; closed by its due time → on time; late → made up.
 */
export const STATUS_SQL = `CASE WHEN r.exit IN ('skipped', 'back') THEN 'not_reached'
  WHEN r.done_at IS NOT NULL THEN CASE WHEN r.due_at IS NULL OR r.done_at <= r.due_at THEN 'on_time' ELSE 'made_up' END
  WHEN r.due_at IS NOT NULL AND r.due_at < $NOW THEN 'overdue' ELSE 'open' END`

const statusSql = (nowParam: string) => STATUS_SQL.replace('$NOW', nowParam)

/** The member and everyone below them in the managerId tree; UNION (not ALL) stops at a cycle in the org data. */
export async function subtreeIds(m: EntityManager, tenantId: string, rootId: string): Promise<string[]> {
  const rows: { id: string }[] = await m.query(
    `WITH RECURSIVE sub(id) AS (
       SELECT id FROM member WHERE tenant_id = $1 AND id = $2
       UNION SELECT c.id FROM member c JOIN sub ON c.manager_id = sub.id WHERE c.tenant_id = $1)
     SELECT id FROM sub`, [tenantId, rootId])
  return rows.map((r) => r.id)
}

export async function scopeOf(m: EntityManager, tenantId: string, memberId: string): Promise<Scope> {
  const me = await m.findOneBy(Member, { tenantId, id: memberId })
  if (!me) return { all: false, memberIds: [] }
  if (me.role === 'admin') return { all: true }
  if (me.role === 'manager') return { all: false, memberIds: await subtreeIds(m, tenantId, memberId) }
  return { all: false, memberIds: [memberId] }
}

export const canSee = (s: Scope, memberId: string): boolean => s.all || s.memberIds.includes(memberId)

export type Period = { processId: string; from: Date; to: Date; now: Date }

/**
 * Members of the view: the reps in scope (below `root` when given), and anyone in it who owns runs in the period.
 * The check starts from the member's own opportunities: started from the period's runs it read all of them for each
 * manager in scope (217 of the matrix's 311 ms in bench:matrix).
 */
export async function matrixMembers(m: EntityManager, tenantId: string, ids: string[] | null, p: Period): Promise<{ id: string; name: string }[]> {
  return m.query(
    `SELECT id, name FROM member mb WHERE mb.tenant_id = $1 AND ($2::uuid[] IS NULL OR mb.id = ANY($2))
       AND (mb.role = 'rep' OR EXISTS (SELECT 1 FROM opportunity o WHERE o.tenant_id = $1 AND o.owner_id = mb.id AND o.process_id = $3
         AND EXISTS (SELECT 1 FROM node_run r WHERE r.tenant_id = $1 AND r.opportunity_id = o.id AND r.entered_at >= $4 AND r.entered_at < $5)))
     ORDER BY name, id`, [tenantId, ids, p.processId, p.from, p.to])
}

/** Runs entered in the period, counted per owner, node and status, in one pass over node_run. */
export async function matrixCounts(m: EntityManager, tenantId: string, ids: string[] | null, p: Period): Promise<StatusCount[]> {
  const rows: { member_id: string; node: string; status: NodeRunStatus; count: number }[] = await m.query(
    `SELECT o.owner_id AS member_id, r.node, ${statusSql('$6')} AS status, count(*)::int AS count
       FROM node_run r JOIN opportunity o ON o.id = r.opportunity_id
      WHERE r.tenant_id = $1 AND o.tenant_id = $1 AND o.process_id = $3 AND r.entered_at >= $4 AND r.entered_at < $5
        AND ($2::uuid[] IS NULL OR o.owner_id = ANY($2))
      GROUP BY 1, 2, 3`, [tenantId, ids, p.processId, p.from, p.to, p.now])
  return rows.map((r) => ({ memberId: r.member_id, node: r.node, status: r.status, count: r.count }))
}

export type CellRun = {
  id: string; opportunityId: string; title: string; customer: string; owner: string; node: string
  enteredAt: Date; dueAt: Date | null; doneAt: Date | null; status: NodeRunStatus
}

/** The runs behind one cell: one member, one node, some statuses, entered in the period; oldest first. */
export async function cellRuns(m: EntityManager, tenantId: string, p: Period & { memberId: string; node: string; statuses: NodeRunStatus[] }): Promise<CellRun[]> {
  const rows: Record<string, unknown>[] = await m.query(
    `SELECT * FROM (
       SELECT r.id, r.opportunity_id, o.title, c.name AS customer, mb.name AS owner, r.node, r.entered_at, r.due_at, r.done_at,
              ${statusSql('$7')} AS status
         FROM node_run r JOIN opportunity o ON o.id = r.opportunity_id
         JOIN member mb ON mb.id = o.owner_id LEFT JOIN customer c ON c.id = o.customer_id
        WHERE r.tenant_id = $1 AND o.process_id = $2 AND o.owner_id = $3 AND r.node = $4 AND r.entered_at >= $5 AND r.entered_at < $6) x
     WHERE status = ANY($8) ORDER BY entered_at, id`,
    [tenantId, p.processId, p.memberId, p.node, p.from, p.to, p.now, p.statuses])
  return rows.map((r) => ({
    id: r.id as string, opportunityId: r.opportunity_id as string, title: r.title as string, customer: (r.customer as string | null) ?? '',
    owner: r.owner as string, node: r.node as string, enteredAt: r.entered_at as Date, dueAt: r.due_at as Date | null,
    doneAt: r.done_at as Date | null, status: r.status as NodeRunStatus,
  }))
}

export type RunRecord = {
  run: CellRun & { exit: string | null; ownerId: string }
  deliverables: { id: string; kind: string; data: Record<string, unknown>; arrivedAt: Date; attachmentId: string | null; mime: string | null }[]
  quotes: { id: string; status: string; ocr: Record<string, unknown>; confidence: Record<string, number>; confirmed: Record<string, unknown> | null
    flags: string[]; attachmentId: string; mime: string | null; createdAt: Date; confirmedAt: Date | null }[]
  activities: { id: string; kind: string; summary: string; data: Record<string, unknown>; member: string | null
    occurredAt: Date; deviceAt: Date | null; receivedAt: Date }[]
  audit: { seq: number; at: Date; actor: string; entity: string; entityId: string; action: string; data: Record<string, unknown>
    prevHash: string; hash: string }[]
}

const camel = (r: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), v]))

/**
 * Everything recorded about one run: its evidence (by run, or by node before runs were linked), the quotes read
 * while it was open, the opportunity's communication in that window plus its whole approval trail, and the audit
 * entries of all of these. Null when the run is not in the tenant.
 */
export async function nodeRunRecord(m: EntityManager, tenantId: string, runId: string, now: Date): Promise<RunRecord | null> {
  const [head] = await m.query(
    `SELECT r.id, r.opportunity_id, o.title, c.name AS customer, mb.name AS owner, o.owner_id, r.node, r.entered_at, r.due_at,
            r.done_at, r.exit, ${statusSql('$3')} AS status
       FROM node_run r JOIN opportunity o ON o.id = r.opportunity_id JOIN member mb ON mb.id = o.owner_id
       LEFT JOIN customer c ON c.id = o.customer_id WHERE r.tenant_id = $1 AND r.id = $2`, [tenantId, runId, now]) as Record<string, unknown>[]
  if (!head) return null
  const run = { ...camel(head), customer: (head.customer as string | null) ?? '' } as RunRecord['run']
  const until = run.doneAt ?? now
  const deliverables = (await m.query(
    `SELECT d.id, d.kind, d.data, d.arrived_at, d.attachment_id, a.mime FROM deliverable d LEFT JOIN attachment a ON a.id = d.attachment_id
      WHERE d.tenant_id = $1 AND (d.node_run_id = $2 OR (d.node_run_id IS NULL AND d.opportunity_id = $3 AND d.node = $4))
      ORDER BY d.arrived_at, d.id`, [tenantId, run.id, run.opportunityId, run.node]) as Record<string, unknown>[]).map(camel) as RunRecord['deliverables']
  const quotes = (await m.query(
    `SELECT q.id, q.status, q.ocr, q.confidence, q.confirmed, q.flags, q.attachment_id, a.mime, q.created_at, q.confirmed_at
       FROM quote q LEFT JOIN attachment a ON a.id = q.attachment_id
      WHERE q.tenant_id = $1 AND q.opportunity_id = $2 AND (q.deliverable_id = ANY($3) OR q.created_at BETWEEN $4 AND $5)
      ORDER BY q.created_at, q.id`, [tenantId, run.opportunityId, deliverables.map((d) => d.id), run.enteredAt, until]) as Record<string, unknown>[])
    .map(camel) as RunRecord['quotes']
  const activities = (await m.query(
    `SELECT ac.id, ac.kind, ac.summary, ac.data, mb.name AS member, ac.occurred_at, ac.device_at, ac.received_at
       FROM activity ac LEFT JOIN member mb ON mb.id = ac.member_id
      WHERE ac.tenant_id = $1 AND ac.opportunity_id = $2 AND (ac.kind = 'approval' OR ac.occurred_at BETWEEN $3 AND $4)
      ORDER BY ac.occurred_at, ac.id`, [tenantId, run.opportunityId, run.enteredAt, until]) as Record<string, unknown>[]).map(camel) as RunRecord['activities']
  const ids = [run.id, run.opportunityId, ...deliverables.map((d) => d.id), ...quotes.map((q) => q.id), ...activities.map((a) => a.id)]
  const audit = (await m.query(
    `SELECT seq, at, actor, entity, entity_id, action, data, prev_hash, hash FROM audit_log
      WHERE tenant_id = $1 AND entity_id = ANY($2) ORDER BY seq`, [tenantId, ids]) as Record<string, unknown>[]).map(camel) as RunRecord['audit']
  return { run, deliverables, quotes, activities, audit }
}

/** Whose evidence this attachment is: owners of the opportunities whose deliverable or quote holds it, and the visitors whose visit photo it is. */
export async function attachmentOwners(m: EntityManager, tenantId: string, attachmentId: string): Promise<string[]> {
  const rows: { owner_id: string }[] = await m.query(
    `SELECT o.owner_id FROM opportunity o WHERE o.tenant_id = $1 AND o.id IN (
       SELECT opportunity_id FROM deliverable WHERE tenant_id = $1 AND attachment_id = $2
       UNION SELECT opportunity_id FROM quote WHERE tenant_id = $1 AND attachment_id = $2)
     UNION SELECT member_id FROM activity WHERE tenant_id = $1 AND member_id IS NOT NULL AND data->>'photoAttachmentId' = $2::text`,
    [tenantId, attachmentId])
  return rows.map((r) => r.owner_id)
}

/** Per member in `ids` (everyone when null) hired on or after `since`: their runs at the node, by verdict. */
export async function nodeRecords(m: EntityManager, tenantId: string, ids: string[] | null, q: { processId: string; node: string; since: string; now: Date }): Promise<NodeRecord[]> {
  const rows: Record<string, unknown>[] = await m.query(
    `SELECT mb.id, mb.name, mb.hire_date::text AS hire_date,
            count(*) FILTER (WHERE s.status = 'on_time')::int AS on_time, count(*) FILTER (WHERE s.status = 'made_up')::int AS made_up,
            count(*) FILTER (WHERE s.status = 'overdue')::int AS overdue
       FROM member mb LEFT JOIN LATERAL (
         SELECT ${statusSql('$6')} AS status FROM node_run r JOIN opportunity o ON o.id = r.opportunity_id
          WHERE r.tenant_id = $1 AND o.owner_id = mb.id AND o.process_id = $3 AND r.node = $4) s ON true
      WHERE mb.tenant_id = $1 AND ($2::uuid[] IS NULL OR mb.id = ANY($2)) AND mb.hire_date >= $5::date AND mb.active
      GROUP BY mb.id`, [tenantId, ids, q.processId, q.node, q.since, q.now])
  return rows.map((r) => ({ memberId: r.id as string, name: r.name as string, hireDate: r.hire_date as string,
    onTime: r.on_time as number, madeUp: r.made_up as number, overdue: r.overdue as number }))
}

/** A member's latest runs at a node, newest first. */
export async function latestRuns(m: EntityManager, tenantId: string, q: { processId: string; memberId: string; node: string; now: Date; limit: number }): Promise<CellRun[]> {
  const all = await cellRuns(m, tenantId, { processId: q.processId, memberId: q.memberId, node: q.node, now: q.now,
    from: new Date(0), to: new Date(8.64e15), statuses: ['on_time', 'made_up', 'overdue', 'open', 'not_reached'] })
  return all.slice(-q.limit).reverse()
}
