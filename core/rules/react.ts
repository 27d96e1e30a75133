import type { ProcessDefinition } from '../process/schema.js'
import type { Calendar } from '../timing/working-calendar.js'
import type { Org } from '../opportunity/org.js'
import type { Opportunity } from '../opportunity/types.js'
import { evaluateCondition } from './condition.js'
import type { Change, Effect } from './effects.js'
import { eventKey, type EngineEvent } from './events.js'
import { factsOf } from './facts-of.js'
import { planAction, type PlanContext } from './plan-action.js'
import { triggerMatches } from './trigger-match.js'

/** The opportunity after the event and the rules' changes, what changed, and what to do. */
export type Reaction = { opportunity: Opportunity; changes: Change[]; effects: Effect[] }

/** The event's own effect on the opportunity's data (a field's new value, a new deliverable). */
export function applyEvent(opp: Opportunity, ev: EngineEvent): Opportunity {
  if (ev.type === 'field.changed') return { ...opp, fields: { ...opp.fields, [ev.field]: ev.to } }
  if (ev.type === 'deliverable.arrived' && !opp.deliverables.some((d) => d.id === ev.deliverable.id)) {
    return { ...opp, deliverables: [...opp.deliverables, ev.deliverable] }
  }
  return opp
}

export function applyChange(opp: Opportunity, c: Change): Opportunity {
  if (c.type === 'field.set') return { ...opp, fields: { ...opp.fields, [c.field]: c.to } }
  const reqs = opp.requirements ?? []
  if (reqs.some((r) => r.node === c.node && r.deliverable === c.deliverable)) return opp
  return { ...opp, requirements: [...reqs, { node: c.node, deliverable: c.deliverable, ruleId: c.ruleId }] }
}

function reactOnce(opp: Opportunity, ev: EngineEvent, ctx: Omit<PlanContext, 'opp'>, depth: number): Reaction {
  const after = applyEvent(opp, ev)
  const facts = factsOf(after, ctx.def, ev, ctx.now, ctx.org)
  const fired = ctx.def.rules.filter((r) => triggerMatches(r.trigger, ev, r.id) && evaluateCondition(r.when, facts))
  const planned = fired.flatMap((r) => r.then.map((a, i) => planAction(a, r, i, { ...ctx, opp: after }, eventKey(ev))))
  const changes = planned.flatMap((p) => (p.change ? [p.change] : []))
  let result: Reaction = { opportunity: changes.reduce(applyChange, after), changes, effects: planned.flatMap((p) => (p.effect ? [p.effect] : [])) }
  // set_field fires field.changed rules in turn; load-time cycle checks keep this finite, the depth cap is a second fence.
  for (const c of changes) {
    if (c.type !== 'field.set' || c.from === c.to || depth >= ctx.def.rules.length) continue
    const next = reactOnce({ ...result.opportunity, fields: { ...result.opportunity.fields, [c.field]: c.from } },
      { type: 'field.changed', field: c.field, from: c.from, to: c.to }, ctx, depth + 1)
    result = { opportunity: next.opportunity, changes: [...result.changes, ...next.changes], effects: [...result.effects, ...next.effects] }
  }
  return result
}

/** Runs the rules whose trigger matches the event and whose condition holds. Pure: the edges save and perform the result. */
export function react(opp: Opportunity, def: ProcessDefinition, ev: EngineEvent, now: Date, org: Org, cal?: Calendar): Reaction {
  return reactOnce(opp, ev, { def, now, org, ...(cal ? { cal } : {}), load: new Map() }, 0)
}
