import type { EscalationStep } from '../process/schema-parts.js'
import type { NodeDef, ProcessDefinition } from '../process/schema.js'
import type { NodeRun } from '../opportunity/types.js'
import type { Org } from '../opportunity/org.js'
import { resolveRelations } from '../rules/recipients.js'
import { dueAtOf } from './node-run-status.js'
import { addWorkingTime, type Calendar } from './working-calendar.js'

/** A time limit with no ladder configured still tells the owner when it runs out. */
export const DEFAULT_LADDER: readonly EscalationStep[] = [{ after: { days: 0, minutes: 0 }, notify: ['owner'] }]

/** The node's ladder, else the definition's default ladder, else a reminder to the owner at due. */
export function ladderOf(node: NodeDef, def?: Pick<ProcessDefinition, 'escalation'>): readonly EscalationStep[] {
  if (!node.timeLimit) return []
  return node.timeLimit.escalation ?? def?.escalation ?? DEFAULT_LADDER
}

/**
 * The next reminder to schedule for an open run: the first ladder level above the ones already
 * sent, at `due + after` in working time. Null when the run is closed or the ladder is used up.
 * A level whose time has already passed (the worker was down) comes back due `now`, not in the past.
 */
export function nextReminder(run: NodeRun, node: NodeDef, cal: Calendar, now: Date, def?: Pick<ProcessDefinition, 'escalation'>): { at: Date; level: number } | null {
  if (run.doneAt || run.skipped || run.returnedAt) return null
  const due = dueAtOf(run, node.timeLimit, cal)
  const step = ladderOf(node, def)[run.reminderLevel]
  if (!due || !step) return null
  const at = addWorkingTime(due, step.after, cal)
  return { at: at < now ? now : at, level: run.reminderLevel + 1 }
}

/** Who gets a level's reminder: relations to the owner resolved through direct-manager links. */
export function reminderRecipients(step: EscalationStep, ownerId: string, org: Org): string[] {
  return resolveRelations(step.notify, ownerId, org)
}
