import type { ProcessDefinition } from '../process/schema.js'
import type { Change, Effect } from '../rules/effects.js'
import { ladderOf, reminderRecipients } from '../timing/escalation.js'
import type { Calendar } from '../timing/working-calendar.js'
import { reactAll, reminderEffects } from './enter-node.js'
import type { Org } from './org.js'
import { reminderContent, type Summary } from './reminder-content.js'
import type { NodeRun, Opportunity } from './types.js'

export type Escalated = { opportunity: Opportunity; nodeRun: NodeRun; changes: Change[]; effects: Effect[] }

/**
 * What a due reminder job does, decided from current state: send level `level` of the node's
 * ladder, record it on the run, schedule the next level and let node.overdue rules react.
 * Null when there is nothing to do (the run closed, or this level was already sent).
 */
export function escalate(
  opp: Opportunity, def: ProcessDefinition, runId: string, level: number, cal: Calendar, now: Date, org: Org,
  summaries?: readonly Summary[],
): Escalated | null {
  const run = opp.nodeRuns.find((r) => r.id === runId)
  const node = def.nodes.find((n) => n.key === run?.node)
  const step = node ? ladderOf(node, def)[level - 1] : undefined
  if (!run || !node || !step || opp.closedAt || run.doneAt || run.skipped || run.returnedAt || run.reminderLevel >= level) return null
  const sent: NodeRun = { ...run, reminderLevel: level }
  const updated: Opportunity = { ...opp, nodeRuns: opp.nodeRuns.map((r) => (r.id === runId ? sent : r)) }
  const reminder: Effect = {
    kind: 'send_reminder', idempotencyKey: `remind_${run.id}_${level}`, opportunityId: opp.id, nodeRunId: run.id, node: node.key, level,
    recipientIds: reminderRecipients(step, opp.ownerId, org),
    content: reminderContent(opp, def, run, level, cal, now, summaries ?? opp.activities ?? []),
  }
  const reaction = reactAll(updated, def, [{ type: 'node.overdue', node: node.key, runId: run.id, level }], now, org, cal)
  return { ...reaction, nodeRun: sent, effects: [reminder, ...reminderEffects(updated, sent, node, def, now, cal), ...reaction.effects] }
}
