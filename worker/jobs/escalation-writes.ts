import { In, type EntityManager } from 'typeorm'
import type { NodeRun as CoreRun, Opportunity as CoreOpportunity } from '../../core/opportunity/types.js'
import type { ProcessDefinition } from '../../core/process/schema.js'
import type { Effect } from '../../core/rules/effects.js'
import type { Calendar } from '../../core/timing/working-calendar.js'
import { Customer } from '../../io/db/entities/customer.entity.js'
import { Member } from '../../io/db/entities/member.entity.js'
import { runUuid, saveReminderLevels } from '../../io/db/node-run.repo.js'
import { touchOpportunities } from '../../io/db/opportunity-batch.repo.js'
import type { LoadedOpportunity } from '../../io/db/opportunity.repo.js'
import { writeOutboxMany } from '../../io/db/outbox.repo.js'
import { reminderOutboxRows, type ReminderJob } from '../../io/effects.js'
import { nextReminderAt, type Decision } from '../../io/handle-event.js'
import type { OutboxRef } from '../../io/queue/enqueue-outbox.js'

type SendReminder = Extract<Effect, { kind: 'send_reminder' }>
type ScheduleReminder = Extract<Effect, { kind: 'schedule_reminder' }>

/** An escalation that only raises run levels, sends reminder cards and schedules the next level. */
export type PlainEscalation = {
  opportunityId: string
  runs: { id: string; level: number; nextReminderAt: Date | null }[]
  sends: SendReminder[]
  schedules: ScheduleReminder[]
}

const sameRunState = (a: CoreRun, b: CoreRun) => a.doneAt === b.doneAt && a.skipped === b.skipped && a.returnedAt === b.returnedAt

/**
 * The decision as a plain escalation, or null when it does more (what the single path's shell is for):
 * an audit entry, an effect other than send/schedule reminder, a change to the opportunity itself, or a
 * run opened or closed.
 */
export function plainEscalation(o: LoadedOpportunity, def: ProcessDefinition, decision: Decision, cal: Calendar, now: Date): PlainEscalation | null {
  if (decision.audit || !sameOpportunity(o.opportunity, decision.opportunity)) return null
  const sends = decision.effects.filter((e): e is SendReminder => e.kind === 'send_reminder')
  const schedules = decision.effects.filter((e): e is ScheduleReminder => e.kind === 'schedule_reminder')
  if (sends.length + schedules.length !== decision.effects.length) return null
  const before = new Map(o.opportunity.nodeRuns.map((r) => [r.id, r]))
  const after = decision.opportunity.nodeRuns
  if (after.length !== before.size || after.some((r) => !before.has(r.id) || !sameRunState(before.get(r.id)!, r))) return null
  const raised = after.filter((r) => r.reminderLevel !== before.get(r.id)!.reminderLevel)
  return {
    opportunityId: o.row.id, sends, schedules,
    runs: raised.map((r) => ({ id: runUuid(r.id), level: r.reminderLevel, nextReminderAt: nextReminderAt(r, def, cal, now) })),
  }
}

function sameOpportunity(a: CoreOpportunity, b: CoreOpportunity): boolean {
  if (a.currentNode !== b.currentNode || a.closedAt?.getTime() !== b.closedAt?.getTime()) return false
  if (a.fields !== b.fields && JSON.stringify(a.fields) !== JSON.stringify(b.fields)) return false
  return a.requirements === b.requirements || JSON.stringify(a.requirements ?? []) === JSON.stringify(b.requirements ?? [])
}

/**
 * Write a batch of plain escalations in a fixed number of statements: run levels, the opportunities'
 * updated_at, then every card as an outbox row (a key written before adds nothing). Returns what to
 * enqueue after commit.
 */
export async function writeEscalations(tx: EntityManager, tenantId: string, plain: readonly PlainEscalation[], now: Date):
Promise<{ outbox: OutboxRef[]; reminders: ReminderJob[] }> {
  if (plain.length === 0) return { outbox: [], reminders: [] }
  await saveReminderLevels(tx, tenantId, plain.flatMap((p) => p.runs))
  await touchOpportunities(tx, tenantId, plain.map((p) => p.opportunityId))
  const sends = plain.flatMap((p) => p.sends)
  const people = [...new Set(sends.flatMap((e) => [...e.recipientIds, e.content.ownerId]))]
  const members = new Map((people.length ? await tx.find(Member, { where: { tenantId, id: In(people) }, select: { id: true, name: true, lang: true } }) : [])
    .map((m) => [m.id, m]))
  const customerIds = [...new Set(sends.map((e) => e.content.customerId))]
  const customers = new Map((customerIds.length ? await tx.find(Customer, { where: { tenantId, id: In(customerIds) }, select: { id: true, name: true } }) : [])
    .map((c) => [c.id, c.name]))
  const rows = sends.flatMap((e) => reminderOutboxRows(e, tenantId, now,
    { customerName: customers.get(e.content.customerId), ownerName: members.get(e.content.ownerId)?.name, members }))
  const written = await writeOutboxMany(tx, rows)
  return {
    outbox: written.map((w) => ({ id: w.id, tenantId, notBefore: now })),
    reminders: plain.flatMap((p) => p.schedules).map((e) => ({ tenantId, nodeRunId: runUuid(e.nodeRunId), level: e.level, at: e.at })),
  }
}
