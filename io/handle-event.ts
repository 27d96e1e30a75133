import type { DataSource, EntityManager } from 'typeorm'
import { reject, type Rejection } from '../core/errors.js'
import { advance, type AdvanceOptions } from '../core/opportunity/advance.js'
import type { Org } from '../core/opportunity/org.js'
import { startOpportunity } from '../core/opportunity/start.js'
import type { NodeRun, Opportunity } from '../core/opportunity/types.js'
import { findVersion } from '../core/process/load-definition.js'
import type { ProcessDefinition } from '../core/process/schema.js'
import { err, ok, type Result } from '../core/result.js'
import type { Effect } from '../core/rules/effects.js'
import { nextReminder } from '../core/timing/escalation.js'
import type { Calendar } from '../core/timing/working-calendar.js'
import type { ProcessConfig } from './config/process-config.js'
import { enqueueReminders, reminderJobId, runEffects, type EffectsDone } from './effects.js'
import { appendAudit } from './db/audit.repo.js'
import { latestOpenOpportunity } from './db/customer.repo.js'
import { ProcessVersion } from './db/entities/process-version.entity.js'
import { recentSummaries } from './db/activity.repo.js'
import { runUuid, saveNodeRuns } from './db/node-run.repo.js'
import { findOpportunityForUpdate, insertOpportunity, saveOpportunity } from './db/opportunity.repo.js'
import { loadOrg } from './db/task.repo.js'
import type { Logger } from './log.js'
import { enqueueOutbox } from './queue/enqueue-outbox.js'
import type { QueueKit } from './queue/queue-kit.js'

export type ShellDeps = { db: DataSource; queues: QueueKit; config: ProcessConfig; log: Logger }

/** What core sees of the world for one decision. */
export type DecideInput = {
  opportunity: Opportunity; def: ProcessDefinition; calendar: Calendar; org: Org; now: Date
  /** Stored next reminder per run id, read under the lock (a snooze shows only here). */
  nextReminderAt: ReadonlyMap<string, Date | null>
}
/** What core decided: the opportunity after, the effects to perform and what the audit log records. */
export type Decision = { opportunity: Opportunity; effects: Effect[]; audit?: { action: string; data: Record<string, unknown> } }
export type Decide = (i: DecideInput) => Result<Decision | null, Rejection>

export type EventRef = { tenantId: string; opportunityId: string; actor: string }
export type Done = EffectsDone & { cancelled: string[] }
export type Handled = { decision: Decision | null; done: Done }
const NOTHING: Done = { outbox: [], reminders: [], tasks: [], cancelled: [] }

/** The definition an opportunity is pinned to: the loaded files first, then the versions stored when it started. */
export async function definitionFor(m: EntityManager, cfg: ProcessConfig, tenantId: string, processId: string, version: string): Promise<ProcessDefinition | null> {
  const loaded = findVersion(cfg.definitions, processId, version)
  if (loaded) return loaded
  const stored = await m.findOneBy(ProcessVersion, { tenantId, processId, version })
  return stored ? ({ ...stored.definition, version } as unknown as ProcessDefinition) : null
}

/**
 * The shared shell. In one transaction: lock the opportunity, ask core, save what changed, perform
 * the effects as rows (outbox, tasks) and append the audit entry. After commit: enqueue. An enqueue
 * that fails is only logged — the rows are safe and the sweep enqueues them.
 */
export async function handleEvent(d: ShellDeps, ref: EventRef, now: Date, decide: Decide): Promise<Result<Handled, Rejection>> {
  const r = await d.db.transaction(async (tx): Promise<Result<Handled, Rejection>> => {
    const loaded = await findOpportunityForUpdate(tx, ref.tenantId, ref.opportunityId)
    if (!loaded) return err(reject('NOT_FOUND', { what: `opportunity ${ref.opportunityId}` }))
    const { row, opportunity } = loaded
    const def = await definitionFor(tx, d.config, ref.tenantId, row.processId, row.definitionVersion)
    if (!def) return err(reject('PROCESS_VERSION_MISMATCH', { expected: row.definitionVersion, actual: '-' }))
    const activities = await recentSummaries(tx, ref.tenantId, row.id)
    const input = { opportunity: { ...opportunity, activities }, def, calendar: d.config.calendar, org: await loadOrg(tx, ref.tenantId), now,
      nextReminderAt: loaded.nextReminderAt }
    const decided = decide(input)
    if (!decided.ok || !decided.value) return decided.ok ? ok({ decision: null, done: NOTHING }) : decided
    const decision = decided.value
    await saveOpportunity(tx, row, decision.opportunity)
    const changed = changedRuns(opportunity.nodeRuns, decision.opportunity.nodeRuns)
    const stale = await pendingReminderJobs(tx, ref.tenantId, changed)
    await saveNodeRuns(tx, ref.tenantId, row.id, changed, now, (run) => nextReminderAt(run, def, d.config.calendar, now))
    const done = { ...await runEffects(tx, ref.tenantId, decision.effects, now), cancelled: stale }
    if (decision.audit) {
      await appendAudit(tx, { tenantId: ref.tenantId, at: now, actor: ref.actor, entity: 'opportunity', entityId: row.id, ...decision.audit })
    }
    return ok({ decision, done })
  })
  if (r.ok) await afterCommit(d, r.value.done)
  return r
}

export async function afterCommit(d: Pick<ShellDeps, 'queues' | 'log'>, done: Done, now = new Date()): Promise<void> {
  try {
    await enqueueOutbox(d.queues, done.outbox, now)
    await enqueueReminders(d.queues, done.reminders, now)
    // Removing a closed run's pending job is a courtesy: the job re-checks and does nothing anyway.
    await Promise.allSettled(done.cancelled.map((id) => d.queues.queue('reminders').remove(id)))
  } catch (e) {
    d.log.warn({ err: (e as Error).message }, 'enqueue after commit failed; the sweep will pick the rows up')
  }
}

/** Job ids of the reminders that closing these runs makes pointless. */
async function pendingReminderJobs(tx: EntityManager, tenantId: string, changed: readonly NodeRun[]): Promise<string[]> {
  const closing = changed.filter((r) => r.doneAt || r.skipped || r.returnedAt).map((r) => runUuid(r.id))
  if (closing.length === 0) return []
  const rows = await tx.query(
    `SELECT id, reminder_level, next_reminder_at FROM node_run
     WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND done_at IS NULL AND next_reminder_at IS NOT NULL`, [tenantId, closing],
  ) as { id: string; reminder_level: number; next_reminder_at: Date }[]
  return rows.map((r) => reminderJobId({ tenantId, nodeRunId: r.id, level: r.reminder_level + 1, at: r.next_reminder_at }))
}

/** Runs that are new or whose state moved; untouched runs keep their stored reminder time (a snooze survives). */
function changedRuns(before: readonly NodeRun[], after: readonly NodeRun[]): NodeRun[] {
  const old = new Map(before.map((r) => [r.id, r]))
  return after.filter((r) => {
    const o = old.get(r.id)
    return !o || o.reminderLevel !== r.reminderLevel || o.doneAt !== r.doneAt || o.skipped !== r.skipped || o.returnedAt !== r.returnedAt
  })
}

export function nextReminderAt(run: NodeRun, def: ProcessDefinition, cal: Calendar, now: Date): Date | null {
  const node = def.nodes.find((n) => n.key === run.node)
  return node ? nextReminder(run, node, cal, now, def)?.at ?? null : null
}

export type NewOpportunityInput = {
  tenantId: string; customerId: string; ownerId: string; title: string; processId: string; actor: string; fields?: Record<string, unknown>
  /** The sidebar's 开始跟进: when the customer already has an open opportunity, answer with it instead (even for two taps at once). */
  reuseOpen?: boolean
}

export type OpenedOpportunity = { opportunityId: string; nodeRunId: string | null; reused: boolean }

/** Open an opportunity in the process's first node: its run, first reminder and node.entered rules, in one transaction. */
export async function openOpportunity(d: ShellDeps, input: NewOpportunityInput, now: Date): Promise<Result<OpenedOpportunity, Rejection>> {
  const def = d.config.definitions.find((x) => x.id === input.processId)
  const first = def?.nodes[0]
  if (!def || !first) return err(reject('NOT_FOUND', { what: `process ${input.processId}` }))
  const r = await d.db.transaction(async (tx): Promise<OpenedOpportunity & { done: Done }> => {
    if (input.reuseOpen) {
      // Starts for one customer take turns, so the second of two simultaneous taps sees the first's opportunity.
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`opportunity-start:${input.tenantId}:${input.customerId}`])
      const open = await latestOpenOpportunity(tx, input.tenantId, input.customerId)
      if (open) return { opportunityId: open.id, nodeRunId: null, reused: true, done: { outbox: [], reminders: [], tasks: [], cancelled: [] } }
    }
    const row = await insertOpportunity(tx, { tenantId: input.tenantId, customerId: input.customerId, ownerId: input.ownerId,
      title: input.title, processId: def.id, definitionVersion: def.version, currentNode: first.key, fields: input.fields ?? {} })
    const org = await loadOrg(tx, input.tenantId)
    const started = startOpportunity({ id: row.id, tenantId: input.tenantId, ownerId: input.ownerId, customerId: input.customerId,
      ...(input.fields ? { fields: input.fields } : {}) }, def, now, { calendar: d.config.calendar, org })
    await saveOpportunity(tx, row, started.opportunity)
    await saveNodeRuns(tx, input.tenantId, row.id, started.opportunity.nodeRuns, now, (run) => nextReminderAt(run, def, d.config.calendar, now))
    const done: Done = { ...await runEffects(tx, input.tenantId, started.effects, now), cancelled: [] }
    await appendAudit(tx, { tenantId: input.tenantId, at: now, actor: input.actor, entity: 'opportunity', entityId: row.id,
      action: 'opportunity.started', data: { processId: def.id, version: def.version, node: first.key } })
    return { opportunityId: row.id, nodeRunId: runUuid(started.nodeRun.id), reused: false, done }
  })
  await afterCommit(d, r.done)
  return ok({ opportunityId: r.opportunityId, nodeRunId: r.nodeRunId, reused: r.reused })
}

/** The decision for moving an opportunity on (advance in core); refusals come back as data. */
export const advanceDecision = (opts: Omit<AdvanceOptions, 'calendar' | 'org'> = {}): Decide => (i) => {
  const r = advance(i.opportunity, i.def, i.now, { ...opts, calendar: i.calendar, org: i.org })
  if (!r.ok) return r
  const t = r.value.transition
  return ok({ opportunity: r.value.opportunity, effects: r.value.effects,
    audit: { action: 'opportunity.advanced', data: { from: t.from, to: t.to, kind: t.kind, skipped: t.skipped, ...(t.reason ? { reason: t.reason } : {}) } } })
}
