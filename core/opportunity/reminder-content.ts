import type { I18nText } from '../process/schema-parts.js'
import type { ProcessDefinition } from '../process/schema.js'
import { dueAtOf } from '../timing/node-run-status.js'
import { workingDaysBetween, type Calendar } from '../timing/working-calendar.js'
import { missingDeliverables, type MissingDeliverable } from './deliverable-check.js'
import type { NodeRun, Opportunity } from './types.js'

export type Summary = { at: Date; summary: string }

/** What an overdue reminder says; the channel turns it into a card in the recipient's language. */
export type ReminderContent = {
  opportunityId: string
  title: string | null
  customerId: string
  ownerId: string
  node: { key: string; name: I18nText }
  level: number
  dueAt: Date | null
  /** Whole working days past due (0 on the due day). */
  daysOverdue: number
  missing: MissingDeliverable[]
  /** The three most recent communication summaries, newest first. */
  recentSummaries: Summary[]
}

export function reminderContent(
  opp: Opportunity, def: ProcessDefinition, run: NodeRun, level: number, cal: Calendar, now: Date,
  summaries: readonly Summary[] = opp.activities ?? [],
): ReminderContent {
  const node = def.nodes.find((n) => n.key === run.node)
  const due = node ? dueAtOf(run, node.timeLimit, cal) : run.dueAt
  return {
    opportunityId: opp.id,
    title: opp.title ?? null,
    customerId: opp.customerId,
    ownerId: opp.ownerId,
    node: { key: run.node, name: node?.name ?? { zh: run.node, en: run.node } },
    level,
    dueAt: due ?? null,
    daysOverdue: due ? workingDaysBetween(due, now, cal) : 0,
    missing: missingDeliverables(opp, def, run.node),
    recentSummaries: [...summaries].sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, 3),
  }
}
