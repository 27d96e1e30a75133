import type { ProcessDefinition } from '../process/schema.js'
import { dayToIso, toLocal, weekdayOf } from '../timing/beijing-time.js'
import { evidenceProblems } from '../opportunity/evidence-rules.js'
import { findMember, type Org } from '../opportunity/org.js'
import type { Opportunity } from '../opportunity/types.js'
import { eventFacts, type EngineEvent } from './events.js'

/** Counts of deliverables that pass their checks, per node and key (`deliverables.quote.quote_sheet`). */
function deliverableCounts(opp: Opportunity, def: ProcessDefinition): Record<string, Record<string, number>> {
  const counts: Record<string, Record<string, number>> = {}
  for (const n of def.nodes) {
    const perNode: Record<string, number> = {}
    for (const d of [...n.deliverables, ...n.optional]) {
      perNode[d.key] = opp.deliverables.filter((x) => x.node === n.key && x.key === d.key && evidenceProblems(d, x, opp).length === 0).length
    }
    counts[n.key] = perNode
  }
  return counts
}

/** The data a condition sees; its paths are exactly those in knownFactPaths(). */
export function factsOf(opp: Opportunity, def: ProcessDefinition, ev: EngineEvent, now: Date, org: Org): Record<string, unknown> {
  const owner = findMember(org, opp.ownerId)
  const local = toLocal(now)
  const tenureDays = owner?.hireDate ? Math.floor((now.getTime() - owner.hireDate.getTime()) / 86_400_000) : null
  return {
    fields: opp.fields,
    node: opp.currentNode,
    owner: { id: opp.ownerId, role: owner?.role ?? null, tenureDays },
    now: { hour: Math.floor(local.minute / 60), weekday: weekdayOf(local.day), date: dayToIso(local.day) },
    event: eventFacts(ev),
    deliverables: deliverableCounts(opp, def),
  }
}
