import { In, type EntityManager } from 'typeorm'
import type { Summary } from '../../core/opportunity/reminder-content.js'
import { Deliverable } from './entities/deliverable.entity.js'
import { NodeRun } from './entities/node-run.entity.js'
import { Opportunity } from './entities/opportunity.entity.js'
import { toCoreRun } from './node-run.repo.js'
import { toCoreDeliverable, toCoreOpportunity, type LoadedOpportunity } from './opportunity.repo.js'

/**
 * Many opportunities locked and loaded as the engine sees them, in a fixed number of queries whatever
 * their count: what findOpportunityForUpdate does for one. Rows another transaction holds are skipped
 * (SKIP LOCKED), not waited for: the caller handles those one by one, so a batch never stalls behind
 * one busy opportunity, and locking in id order keeps two batches from deadlocking.
 */
export async function lockOpportunities(tx: EntityManager, tenantId: string, ids: readonly string[]): Promise<Map<string, LoadedOpportunity>> {
  if (ids.length === 0) return new Map()
  const rows = await tx.createQueryBuilder(Opportunity, 'o')
    .where('o.tenant_id = :tenantId AND o.id IN (:...ids)', { tenantId, ids: [...new Set(ids)] })
    .orderBy('o.id').setLock('pessimistic_write').setOnLocked('skip_locked').getMany()
  if (rows.length === 0) return new Map()
  const locked = rows.map((r) => r.id)
  const runs = await tx.find(NodeRun, { where: { tenantId, opportunityId: In(locked) }, order: { enteredAt: 'ASC', createdAt: 'ASC' } })
  const deliverables = await tx.find(Deliverable, { where: { tenantId, opportunityId: In(locked) }, order: { arrivedAt: 'ASC' } })
  const runsOf = groupBy(runs, (r) => r.opportunityId)
  const deliverablesOf = groupBy(deliverables, (d) => d.opportunityId)
  return new Map(rows.map((row) => {
    const own = runsOf.get(row.id) ?? []
    return [row.id, {
      row, opportunity: toCoreOpportunity(row, own.map(toCoreRun), (deliverablesOf.get(row.id) ?? []).map(toCoreDeliverable)),
      nextReminderAt: new Map(own.map((r) => [r.id, r.nextReminderAt])),
    }]
  }))
}

/** The last `limit` communication summaries of each opportunity, newest first: one lateral query for all. */
export async function recentSummariesOf(tx: EntityManager, tenantId: string, ids: readonly string[], limit = 3): Promise<Map<string, Summary[]>> {
  if (ids.length === 0) return new Map()
  const rows = await tx.query(
    `SELECT o.id, a.occurred_at, a.summary FROM unnest($2::uuid[]) AS o(id)
     CROSS JOIN LATERAL (SELECT occurred_at, summary FROM activity
       WHERE tenant_id = $1 AND opportunity_id = o.id AND summary <> '' ORDER BY occurred_at DESC LIMIT $3) a
     ORDER BY o.id, a.occurred_at DESC`, [tenantId, ids, limit],
  ) as { id: string; occurred_at: Date; summary: string }[]
  const out = new Map<string, Summary[]>()
  for (const r of rows) out.set(r.id, [...(out.get(r.id) ?? []), { at: r.occurred_at, summary: r.summary }])
  return out
}

/** A reminder changes only the run, yet the single path saves the opportunity too: keep its updated_at in step. */
export async function touchOpportunities(tx: EntityManager, tenantId: string, ids: readonly string[]): Promise<void> {
  if (ids.length) await tx.query('UPDATE opportunity SET updated_at = now() WHERE tenant_id = $1 AND id = ANY($2::uuid[])', [tenantId, ids])
}

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const x of xs) {
    const k = key(x)
    const list = out.get(k)
    if (list) list.push(x)
    else out.set(k, [x])
  }
  return out
}
