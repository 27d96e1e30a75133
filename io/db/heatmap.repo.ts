import type { EntityManager } from 'typeorm'
import type { HeatmapVisit, NodeAdvance } from '../../core/dashboard/heatmap.js'

/** Visits with heatmap answers made before `until` by the members in `ids` (null = everyone), oldest first. */
export async function heatmapVisits(m: EntityManager, tenantId: string, ids: string[] | null, until: Date): Promise<HeatmapVisit[]> {
  const rows: { customer_id: string; at: Date; heatmap: Record<string, unknown> }[] = await m.query(
    `SELECT customer_id, occurred_at AS at, data->'heatmap' AS heatmap FROM activity
      WHERE tenant_id = $1 AND kind = 'visit' AND customer_id IS NOT NULL AND data ? 'heatmap' AND occurred_at < $3
        AND ($2::uuid[] IS NULL OR member_id = ANY($2)) ORDER BY occurred_at, id`, [tenantId, ids, until])
  return rows.map((r) => ({ customerId: r.customer_id, at: r.at.getTime(), values: r.heatmap }))
}

/** Node entries before `until` of the opportunities of these customers: progress even without a visit. */
export async function nodeAdvances(m: EntityManager, tenantId: string, customerIds: string[], until: Date): Promise<NodeAdvance[]> {
  if (customerIds.length === 0) return []
  const rows: { customer_id: string; at: Date }[] = await m.query(
    `SELECT o.customer_id, r.entered_at AS at FROM node_run r JOIN opportunity o ON o.id = r.opportunity_id
      WHERE r.tenant_id = $1 AND o.tenant_id = $1 AND o.customer_id = ANY($2) AND r.entered_at < $3`, [tenantId, customerIds, until])
  return rows.map((r) => ({ customerId: r.customer_id, at: r.at.getTime() }))
}

/** Names of customers and their owners, for the red list. */
export async function customerNames(m: EntityManager, tenantId: string, ids: string[]): Promise<Map<string, { name: string; owner: string | null }>> {
  if (ids.length === 0) return new Map()
  const rows: { id: string; name: string; owner: string | null }[] = await m.query(
    `SELECT c.id, c.name, mb.name AS owner FROM customer c LEFT JOIN member mb ON mb.id = c.owner_id WHERE c.tenant_id = $1 AND c.id = ANY($2)`,
    [tenantId, ids])
  return new Map(rows.map((r) => [r.id, { name: r.name, owner: r.owner }]))
}
