import type { EntityManager } from 'typeorm'
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js'
import type { Deliverable as CoreDeliverable, Opportunity as CoreOpportunity, Requirement } from '../../core/opportunity/types.js'
import type { DeliverableKind } from '../../core/process/schema-deliverables.js'
import { Deliverable } from './entities/deliverable.entity.js'
import { Opportunity } from './entities/opportunity.entity.js'
import { listNodeRuns, toCoreRun } from './node-run.repo.js'

/**
 * Rule-added requirements (require_deliverable) live in the opportunity's fields under a name no
 * definition can declare (field keys start with a lower-case letter), so they never shadow a field.
 */
export const REQUIREMENTS_FIELD = '$requirements'

export type LoadedOpportunity = {
  row: Opportunity
  opportunity: CoreOpportunity
  /** Each run's stored next reminder time: a snooze lives only here, not in the engine's view. */
  nextReminderAt: ReadonlyMap<string, Date | null>
}

/**
 * Lock the opportunity row and load it as the engine sees it. The row lock serialises every event of
 * one opportunity (a callback, a rule job, a reminder) so none reads state another is about to change.
 */
export async function findOpportunityForUpdate(tx: EntityManager, tenantId: string, id: string): Promise<LoadedOpportunity | null> {
  const row = await tx.findOne(Opportunity, { where: { tenantId, id }, lock: { mode: 'pessimistic_write' } })
  if (!row) return null
  const runs = await listNodeRuns(tx, tenantId, id)
  const deliverables = await tx.find(Deliverable, { where: { tenantId, opportunityId: id }, order: { arrivedAt: 'ASC' } })
  return { row, opportunity: toCoreOpportunity(row, runs.map(toCoreRun), deliverables.map(toCoreDeliverable)),
    nextReminderAt: new Map(runs.map((r) => [r.id, r.nextReminderAt])) }
}

export function toCoreOpportunity(row: Opportunity, nodeRuns: CoreOpportunity['nodeRuns'], deliverables: CoreDeliverable[]): CoreOpportunity {
  const { [REQUIREMENTS_FIELD]: reqs, ...fields } = row.fields
  return {
    id: row.id, tenantId: row.tenantId, title: row.title, ownerId: row.ownerId, customerId: row.customerId,
    processId: row.processId, definitionVersion: row.definitionVersion, currentNode: row.currentNode, fields,
    nodeRuns, deliverables, requirements: Array.isArray(reqs) ? (reqs as Requirement[]) : [],
    ...(row.closedAt ? { closedAt: row.closedAt } : {}),
  }
}

/** The deliverable's key in its node's definition is kept in `data.key`; older rows fall back to the kind. */
export function toCoreDeliverable(d: Deliverable): CoreDeliverable {
  const key = typeof d.data.key === 'string' ? d.data.key : d.kind
  return { id: d.id, node: d.node, key, kind: d.kind as DeliverableKind, data: d.data, arrivedAt: d.arrivedAt }
}

/** Write back what the engine changed on the opportunity itself (runs are saved by node-run.repo). */
export async function saveOpportunity(tx: EntityManager, row: Opportunity, after: CoreOpportunity): Promise<void> {
  const fields = (after.requirements?.length ?? 0) > 0 ? { ...after.fields, [REQUIREMENTS_FIELD]: after.requirements } : after.fields
  const closing = after.closedAt && !row.closedAt
  await tx.update(Opportunity, { tenantId: row.tenantId, id: row.id }, {
    currentNode: after.currentNode, fields,
    ...(closing ? { closedAt: after.closedAt, status: 'won' as const } : {}),
  } as QueryDeepPartialEntity<Opportunity>)
}

export type NewOpportunityRow = Pick<Opportunity, 'tenantId' | 'customerId' | 'ownerId' | 'title' | 'processId' | 'definitionVersion' | 'currentNode' | 'fields'> & { id?: string; amount?: string | null }

export async function insertOpportunity(tx: EntityManager, o: NewOpportunityRow): Promise<Opportunity> {
  return tx.save(tx.create(Opportunity, { amount: null, ...o }))
}
