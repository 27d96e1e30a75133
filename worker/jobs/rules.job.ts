import { z } from 'zod'
import { react } from '../../core/rules/react.js'
import type { EngineEvent } from '../../core/rules/events.js'
import { ok } from '../../core/result.js'
import type { ProcessConfig } from '../../io/config/process-config.js'
import { handleEvent, type Decide } from '../../io/handle-event.js'
import type { JobHandler } from '../job-context.js'

const date = z.union([z.string(), z.number(), z.date()]).transform((v) => new Date(v)).refine((d) => !Number.isNaN(d.getTime()), 'bad date')

// Events crossed JSON on their way here: dates are strings again, and nothing outside the union may pass.
const EventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('node.entered'), node: z.string(), runId: z.string() }),
  z.object({ type: z.literal('node.left'), node: z.string(), runId: z.string() }),
  z.object({ type: z.literal('field.changed'), field: z.string(), from: z.unknown(), to: z.unknown() }),
  z.object({ type: z.literal('deliverable.arrived'), deliverable: z.object({ id: z.string(), node: z.string(), key: z.string(),
    kind: z.string(), data: z.record(z.string(), z.unknown()), arrivedAt: date }) }),
  z.object({ type: z.literal('keyword.heard'), keyword: z.string(), category: z.string().optional(), messageId: z.string() }),
  z.object({ type: z.literal('node.overdue'), node: z.string(), runId: z.string(), level: z.number().int() }),
  z.object({ type: z.literal('schedule'), ruleId: z.string(), slot: date }),
])

export const parseEngineEvent = (x: unknown): EngineEvent => EventSchema.parse(x) as EngineEvent

/**
 * One engine event for one opportunity: the rules whose trigger matches and whose condition holds run
 * in core under the opportunity's lock; their changes are saved and their effects written as rows.
 * Effect keys derive from the event, so the same event delivered twice plans nothing new.
 */
export function handleRulesJob(config: ProcessConfig): JobHandler<'rules'> {
  return async (p, ctx) => {
    const event = parseEngineEvent(p.event)
    const deps = { db: ctx.rt.db, queues: ctx.rt.queues, config, log: ctx.log }
    const r = await handleEvent(deps, { tenantId: p.tenantId, opportunityId: p.opportunityId, actor: 'system:rules' }, ctx.now(), reaction(event, p.key))
    if (!r.ok) ctx.log.warn({ rejection: r.error, opportunityId: p.opportunityId }, 'rules not applied')
  }
}

const reaction = (event: EngineEvent, key: string): Decide => (i) => {
  const r = react(i.opportunity, i.def, event, i.now, i.org, i.calendar)
  const fieldMoved = event.type === 'field.changed' && i.opportunity.fields[event.field] !== event.to
  if (r.effects.length === 0 && r.changes.length === 0 && !fieldMoved) return ok(null)
  return ok({ opportunity: r.opportunity, effects: r.effects,
    audit: { action: 'rules.reacted', data: { event: event.type, key, changes: r.changes.length, effects: r.effects.map((e) => e.kind) } } })
}
