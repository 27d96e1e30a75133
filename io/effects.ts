import { createHash } from 'node:crypto'
import { In, type EntityManager } from 'typeorm'
import type { Effect } from '../core/rules/effects.js'
import { assertNever } from '../core/result.js'
import { Customer } from './db/entities/customer.entity.js'
import { Member } from './db/entities/member.entity.js'
import { runUuid } from './db/node-run.repo.js'
import { writeOutbox, type NewOutboxRow } from './db/outbox.repo.js'
import { insertTask } from './db/task.repo.js'
import { buildReminderCard } from './messages/reminder-card.js'
import type { OutboundPayload } from './messages.js'
import type { OutboxRef } from './queue/enqueue-outbox.js'
import type { QueueKit } from './queue/queue-kit.js'
import { jobId } from './queue/queues.js'

/** A delayed `reminders` job to add after commit: a node run's next level, or a review task falling due. */
export type ReminderJob =
  | { tenantId: string; nodeRunId: string; level: number; at: Date }
  | { tenantId: string; taskId: string; level: 1; at: Date }

export type EffectsDone = { outbox: OutboxRef[]; reminders: ReminderJob[]; tasks: string[] }

/** Unique keys are varchar(120) on task and (160) on outbox; a longer key keeps its start and gains a hash. */
export function fitKey(key: string, max = 120): string {
  if (key.length <= max) return key
  return `${key.slice(0, max - 17)}_${createHash('sha1').update(key).digest('hex').slice(0, 16)}`
}

type Ctx = { tx: EntityManager; tenantId: string; now: Date; members: Map<string, Member>; done: EffectsDone }

const recipientsOf = (e: Effect): string[] => {
  switch (e.kind) {
    case 'create_task': return [e.assigneeId]
    case 'require_deliverable': return [e.notifyId]
    case 'send_template': return [e.recipientId]
    case 'request_review': return [e.reviewerId]
    case 'notify':
    case 'send_reminder': return e.recipientIds
    case 'schedule_reminder': return []
    default: return assertNever(e, 'effect')
  }
}

/**
 * The only place planned effects touch the world, inside the caller's transaction: outbox rows and
 * tasks keyed by the effect's idempotency key (a replay adds nothing), and the jobs to add after commit.
 */
export async function runEffects(tx: EntityManager, tenantId: string, effects: readonly Effect[], now: Date): Promise<EffectsDone> {
  const done: EffectsDone = { outbox: [], reminders: [], tasks: [] }
  const ids = [...new Set(effects.flatMap(recipientsOf))]
  const members = new Map((ids.length ? await tx.findBy(Member, { tenantId, id: In(ids) }) : []).map((m) => [m.id, m]))
  const ctx: Ctx = { tx, tenantId, now, members, done }
  for (const e of effects) await runEffect(ctx, e)
  return done
}

async function runEffect(c: Ctx, e: Effect): Promise<void> {
  switch (e.kind) {
    case 'schedule_reminder':
      c.done.reminders.push({ tenantId: c.tenantId, nodeRunId: runUuid(e.nodeRunId), level: e.level, at: e.at })
      return
    case 'send_reminder': return sendReminder(c, e)
    case 'create_task': {
      const task = await insertTask(c.tx, { tenantId: c.tenantId, opportunityId: e.opportunityId, assigneeId: e.assigneeId, kind: 'task',
        title: e.title.zh, data: { title: e.title, ruleId: e.ruleId, assignedBy: e.assignedBy, fallback: e.fallback },
        dueAt: e.dueAt ?? null, idempotencyKey: fitKey(e.idempotencyKey) })
      c.done.tasks.push(task.id)
      return text(c, e.idempotencyKey, e.assigneeId, 'task', (l) => `${l === 'zh' ? '新任务' : 'New task'}：${e.title[l]}${due(e.dueAt, l)}`)
    }
    case 'request_review': {
      const task = await insertTask(c.tx, { tenantId: c.tenantId, opportunityId: e.opportunityId, assigneeId: e.reviewerId, kind: 'review',
        title: e.subject.zh, data: { title: e.subject, ruleId: e.ruleId, fallback: e.fallback }, dueAt: e.dueAt,
        idempotencyKey: fitKey(e.idempotencyKey) })
      c.done.tasks.push(task.id)
      if (task.inserted) c.done.reminders.push({ tenantId: c.tenantId, taskId: task.id, level: 1, at: e.dueAt })
      return text(c, e.idempotencyKey, e.reviewerId, 'review', (l) => `${l === 'zh' ? '请审核' : 'Review'}：${e.subject[l]}${due(e.dueAt, l)}`)
    }
    case 'notify':
      for (const to of e.recipientIds) await text(c, `${e.idempotencyKey}_${to}`, to, 'notify', (l) => e.message[l])
      return
    case 'require_deliverable':
      return text(c, e.idempotencyKey, e.notifyId, 'requirement',
        (l) => (l === 'zh' ? `本商机需补充交付物：${e.name.zh}` : `This opportunity now also needs: ${e.name.en}`))
    case 'send_template':
      // App messages reach members only; a template for the customer goes to the owner to forward.
      return text(c, e.idempotencyKey, e.recipientId, 'template', (l) => templateText(e.template, e.to, l))
    default: return assertNever(e, 'effect')
  }
}

const due = (at: Date | undefined, l: 'zh' | 'en'): string =>
  at ? `${l === 'zh' ? '（截止 ' : ' (due '}${new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')}${l === 'zh' ? '）' : ')'}` : ''

function templateText(template: string, to: 'owner' | 'customer', l: 'zh' | 'en'): string {
  if (l === 'en') return to === 'customer' ? `Please send the "${template}" material to the customer.` : `Material "${template}" is ready for you.`
  return to === 'customer' ? `请将资料「${template}」发送给客户。` : `资料「${template}」已为您准备好，请查看。`
}

async function write(c: Ctx, key: string, recipientId: string, kind: string, payload: OutboundPayload): Promise<void> {
  if (!c.members.has(recipientId)) return // a member who left or a customer id: nothing an app message can reach
  const row = await writeOutbox(c.tx, { tenantId: c.tenantId, idempotencyKey: fitKey(key, 160), recipientId, kind,
    payload: payload as unknown as Record<string, unknown>, notBefore: c.now })
  if (row.inserted) c.done.outbox.push({ id: row.id, tenantId: c.tenantId, notBefore: c.now })
}

async function text(c: Ctx, key: string, to: string, kind: string, body: (l: 'zh' | 'en') => string): Promise<void> {
  const lang = c.members.get(to)?.lang ?? 'zh'
  await write(c, key, to, kind, { kind: 'text', text: body(lang) })
}

async function sendReminder(c: Ctx, e: SendReminder): Promise<void> {
  const customer = await c.tx.findOneBy(Customer, { tenantId: c.tenantId, id: e.content.customerId })
  const owner = c.members.get(e.content.ownerId) ?? await c.tx.findOneBy(Member, { tenantId: c.tenantId, id: e.content.ownerId })
  for (const row of reminderOutboxRows(e, c.tenantId, c.now, { customerName: customer?.name, ownerName: owner?.name, members: c.members })) {
    const written = await writeOutbox(c.tx, row)
    if (written.inserted) c.done.outbox.push({ id: written.id, tenantId: c.tenantId, notBefore: c.now })
  }
}

type SendReminder = Extract<Effect, { kind: 'send_reminder' }>
export type ReminderPeople = { customerName: string | undefined; ownerName: string | undefined; members: ReadonlyMap<string, Pick<Member, 'lang'>> }

/**
 * The outbox rows of one reminder: a card per recipient who is a member, keyed reminder_<run>_<level>_<member>.
 * Shared by the effect runner and the batched escalation, so both write the very same rows.
 */
export function reminderOutboxRows(e: SendReminder, tenantId: string, now: Date, p: ReminderPeople): NewOutboxRow[] {
  const runId = runUuid(e.nodeRunId)
  return e.recipientIds.filter((to) => p.members.has(to)).map((to) => {
    const card = buildReminderCard({ content: e.content, nodeRunId: runId, customerName: p.customerName ?? e.content.title ?? '-',
      ownerName: p.ownerName ?? '-', recipientId: to, lang: p.members.get(to)?.lang ?? 'zh' })
    const payload: OutboundPayload = { kind: 'card', card }
    return { tenantId, idempotencyKey: fitKey(`reminder_${runId}_${e.level}_${to}`, 160), recipientId: to, kind: 'reminder',
      payload: payload as unknown as Record<string, unknown>, notBefore: now }
  })
}

/**
 * One job id per run, level and due time: the sweep re-adding a lost reminder gets the same id (no
 * duplicate), while a snoozed reminder gets a new one, since BullMQ keeps finished ids for a while.
 */
export const reminderJobId = (j: ReminderJob): string =>
  'taskId' in j ? jobId('review', j.taskId) : jobId('reminder', j.nodeRunId, j.level, j.at.getTime())

/** After commit: the delayed reminder jobs. Each re-checks state when it fires, so an extra one is harmless. */
export async function enqueueReminders(queues: QueueKit, jobs: readonly ReminderJob[], now = new Date()): Promise<void> {
  if (jobs.length === 0) return
  await queues.queue('reminders').addBulk(jobs.map((j) => ({
    name: 'reminders',
    data: 'taskId' in j ? { tenantId: j.tenantId, taskId: j.taskId, level: 1 } : { tenantId: j.tenantId, nodeRunId: j.nodeRunId, level: j.level },
    opts: { jobId: reminderJobId(j), delay: Math.max(0, j.at.getTime() - now.getTime()), attempts: 8,
      backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: 1000, removeOnFail: 5000 },
  })))
}

/** Producer for the rules queue: one job per event occurrence (`key`), so a replayed event is not queued twice. */
export async function enqueueRuleEvent(queues: QueueKit, p: { tenantId: string; opportunityId: string; event: Record<string, unknown>; key: string }): Promise<void> {
  await queues.add('rules', p, { jobId: jobId('rules', p.opportunityId, p.key), attempts: 5, backoff: { type: 'exponential', delay: 1000 } })
}
