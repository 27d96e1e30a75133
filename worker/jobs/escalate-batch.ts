import type { EntityManager } from 'typeorm'
import type { Org } from '../../core/opportunity/org.js'
import type { Summary } from '../../core/opportunity/reminder-content.js'
import type { ProcessDefinition } from '../../core/process/schema.js'
import { loadManagerChains } from '../../io/db/manager-chain.repo.js'
import { lockOpportunities, recentSummariesOf } from '../../io/db/opportunity-batch.repo.js'
import type { LoadedOpportunity } from '../../io/db/opportunity.repo.js'
import { loadOrg } from '../../io/db/task.repo.js'
import { afterCommit, definitionFor, type ShellDeps } from '../../io/handle-event.js'
import { escalation } from './escalation-decision.js'
import { plainEscalation, writeEscalations, type PlainEscalation } from './escalation-writes.js'

export type DueRun = { nodeRunId: string; level: number }
/** `done`: handled here (sent, or nothing to send). `single`: left for the one-opportunity path, which waits for the lock. */
export type BatchOutcome = 'done' | 'single'

/**
 * Fires many due reminders of one tenant in one transaction, with set-based reads and writes: the
 * opportunities locked together (SKIP LOCKED), the owners' manager chains read once, the last three summaries in one
 * lateral query, run levels and outbox rows written in one statement each. Every reminder is still
 * decided by the same code as the single path (escalation() over core's escalate()), under its
 * opportunity's lock, and written under the same outbox keys, so exactly-once holds as before.
 * Anything unusual goes to the single path instead: an opportunity another transaction holds or that
 * appears twice in the batch, and a decision that does more than send this level and schedule the next
 * (a node.overdue rule creating a task, a field change, a closed run).
 */
export async function escalateBatch(d: ShellDeps, tenantId: string, items: readonly DueRun[], now: Date): Promise<BatchOutcome[]> {
  const r = await d.db.transaction(async (tx) => {
    const outcomes: BatchOutcome[] = items.map(() => 'done')
    const open = await openRuns(tx, tenantId, items.map((i) => i.nodeRunId))
    const loaded = await lockOpportunities(tx, tenantId, [...new Set(open.values())])
    const defs = await definitionsOf(tx, d, tenantId, [...loaded.values()])
    const summaries = await recentSummariesOf(tx, tenantId, [...loaded.keys()])
    const org = await orgFor(tx, tenantId, [...loaded.values()], [...defs.values()])
    const seen = new Set<string>()
    const plain: PlainEscalation[] = []
    for (const [k, item] of items.entries()) {
      const oppId = open.get(item.nodeRunId)
      if (!oppId) continue // gone or closed: nothing to send, as the single path decides
      const o = loaded.get(oppId)
      const def = o && defs.get(defKey(o))
      // Held by another transaction, a second run of the same opportunity, or a version the single path reports missing.
      if (!o || !def || seen.has(oppId)) { outcomes[k] = 'single'; continue }
      seen.add(oppId)
      const decided = decideOne(d, o, def, org, summaries.get(oppId) ?? [], item, now)
      if (decided === 'single') outcomes[k] = 'single'
      else if (decided) plain.push(decided)
    }
    return { outcomes, done: await writeEscalations(tx, tenantId, plain, now), sent: plain.length }
  })
  await afterCommit(d, { ...r.done, tasks: [], cancelled: [] })
  if (r.sent) d.log.info({ tenantId, reminders: r.sent, outbox: r.done.outbox.length }, 'reminders sent (batch)')
  return r.outcomes
}

/** Each open run's opportunity; closed or unknown runs are left out. */
async function openRuns(tx: EntityManager, tenantId: string, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await tx.query(
    'SELECT id, opportunity_id FROM node_run WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND done_at IS NULL', [tenantId, ids],
  ) as { id: string; opportunity_id: string }[]
  return new Map(rows.map((r) => [r.id, r.opportunity_id]))
}

const defKey = (o: LoadedOpportunity) => `${o.row.processId}@${o.row.definitionVersion}`

async function definitionsOf(tx: EntityManager, d: ShellDeps, tenantId: string, opps: readonly LoadedOpportunity[]): Promise<Map<string, ProcessDefinition>> {
  const out = new Map<string, ProcessDefinition>()
  for (const o of opps) {
    if (out.has(defKey(o))) continue
    const def = await definitionFor(tx, d.config, tenantId, o.row.processId, o.row.definitionVersion)
    if (def) out.set(defKey(o), def)
  }
  return out
}

/**
 * Reminder recipients need only each owner's manager chain; a node.overdue rule may pick anyone by skill
 * or load, so with such rules the whole org is read, as the single path does.
 */
async function orgFor(tx: EntityManager, tenantId: string, opps: readonly LoadedOpportunity[], defs: readonly ProcessDefinition[]): Promise<Org> {
  if (defs.some((def) => def.rules.some((r) => r.trigger.on === 'node.overdue'))) return loadOrg(tx, tenantId)
  return loadManagerChains(tx, tenantId, opps.map((o) => o.row.ownerId))
}

function decideOne(
  d: ShellDeps, o: LoadedOpportunity, def: ProcessDefinition, org: Org, activities: Summary[], item: DueRun, now: Date,
): PlainEscalation | 'single' | null {
  const decided = escalation(item.nodeRunId, item.level)({ opportunity: { ...o.opportunity, activities }, def, calendar: d.config.calendar,
    org, now, nextReminderAt: o.nextReminderAt })
  if (!decided.ok) return 'single'
  if (!decided.value) return null
  return plainEscalation(o, def, decided.value, d.config.calendar, now) ?? 'single'
}
