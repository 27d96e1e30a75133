import { escalate } from '../../core/opportunity/escalate.js'
import { ok } from '../../core/result.js'
import { nextReminderAt, type Decide } from '../../io/handle-event.js'

/** A job firing a little before its row's time (clock skew between hosts) still counts as due. */
const EARLY_MS = 1_000

/**
 * What a due reminder job decides under the opportunity's lock, for the single path and the batch alike:
 * a closed run, a level already sent or a snoozed reminder does nothing; otherwise core's escalate().
 */
export const escalation = (nodeRunId: string, level: number): Decide => (i) => {
  const run = i.opportunity.nodeRuns.find((r) => r.id === nodeRunId)
  if (!run || run.reminderLevel >= level) return ok(null)
  // Snoozed (or rescheduled) since this job was queued: the row's time wins, and its own job will come.
  const stored = i.nextReminderAt.get(nodeRunId)
  if (stored && stored.getTime() > i.now.getTime() + EARLY_MS) return ok(null)
  const due = nextReminderAt(run, i.def, i.calendar, i.now)
  if (due && due.getTime() > i.now.getTime() + EARLY_MS) return ok(null)
  const e = escalate(i.opportunity, i.def, nodeRunId, level, i.calendar, i.now, i.org, i.opportunity.activities)
  // No audit entry: the outbox row and the run's reminder level record it, and the per-tenant audit chain
  // would make every reminder of a tenant wait for the previous one's commit.
  return ok(e && { opportunity: e.opportunity, effects: e.effects })
}
