import type { ProcessDefinition } from '../process/schema.js'
import type { Change, Effect } from '../rules/effects.js'
import type { Calendar } from '../timing/working-calendar.js'
import { newRun, reactAll, reminderEffects } from './enter-node.js'
import type { Org } from './org.js'
import type { NodeRun, Opportunity } from './types.js'

export type NewOpportunity = Pick<Opportunity, 'id' | 'tenantId' | 'ownerId' | 'customerId'> & Partial<Pick<Opportunity, 'fields' | 'customerLocation'>>
export type Started = { opportunity: Opportunity; nodeRun: NodeRun; changes: Change[]; effects: Effect[] }

/** Opens an opportunity in the first node, pinned to this definition's version for its whole life. */
export function startOpportunity(input: NewOpportunity, def: ProcessDefinition, now: Date, opts: { calendar?: Calendar; org?: Org } = {}): Started {
  const first = def.nodes[0]
  if (!first) throw new Error(`process ${def.id} has no nodes`) // the schema demands one; reaching this is a bug
  const blank: Opportunity = {
    ...input, processId: def.id, definitionVersion: def.version, currentNode: first.key,
    fields: input.fields ?? {}, nodeRuns: [], deliverables: [], requirements: [], transitions: [],
  }
  const run = newRun(blank, first, now, opts.calendar)
  const opened = { ...blank, nodeRuns: [run] }
  const reaction = reactAll(opened, def, [{ type: 'node.entered', node: first.key, runId: run.id }], now, opts.org ?? { members: [] }, opts.calendar)
  return { ...reaction, nodeRun: run, effects: [...reminderEffects(opened, run, first, def, now, opts.calendar), ...reaction.effects] }
}
