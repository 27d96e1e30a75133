import type { NodeDef, ProcessDefinition } from '../process/schema.js'
import type { Effect } from '../rules/effects.js'
import { react, type Reaction } from '../rules/react.js'
import type { EngineEvent } from '../rules/events.js'
import { nextReminder } from '../timing/escalation.js'
import { addWorkingTime, type Calendar } from '../timing/working-calendar.js'
import type { Org } from './org.js'
import type { NodeRun, Opportunity } from './types.js'

/** Run ids are derived, not random: the same move always names the same run (and reminder job). */
export const runIdFor = (opp: Opportunity, node: string): string =>
  `${opp.id}-${node}-${opp.nodeRuns.filter((r) => r.node === node).length + 1}`

export function newRun(opp: Opportunity, node: NodeDef, now: Date, cal?: Calendar): NodeRun {
  const dueAt = node.timeLimit && cal ? addWorkingTime(now, node.timeLimit.maxDwell, cal) : undefined
  return { id: runIdFor(opp, node.key), node: node.key, enteredAt: now, ...(dueAt ? { dueAt } : {}), reminderLevel: 0 }
}

/** The first reminder of a fresh run, as a delayed job the worker schedules. */
export function reminderEffects(opp: Opportunity, run: NodeRun, node: NodeDef, def: ProcessDefinition, now: Date, cal?: Calendar): Effect[] {
  const next = cal ? nextReminder(run, node, cal, now, def) : null
  if (!next) return []
  return [{
    kind: 'schedule_reminder', idempotencyKey: `reminder_${run.id}_${next.level}`, opportunityId: opp.id,
    nodeRunId: run.id, node: node.key, level: next.level, at: next.at,
  }]
}

/** Feeds events through the rules one after another, each seeing the previous one's changes. */
export function reactAll(opp: Opportunity, def: ProcessDefinition, events: readonly EngineEvent[], now: Date, org: Org, cal?: Calendar): Reaction {
  return events.reduce<Reaction>((acc, ev) => {
    const r = react(acc.opportunity, def, ev, now, org, cal)
    return { opportunity: r.opportunity, changes: [...acc.changes, ...r.changes], effects: [...acc.effects, ...r.effects] }
  }, { opportunity: opp, changes: [], effects: [] })
}
