import type { ActionDef, Rule } from '../process/schema-rules.js'
import type { ProcessDefinition } from '../process/schema.js'
import { addWorkingTime, type Calendar } from '../timing/working-calendar.js'
import { directManagerOf, leastLoadedWithSkill, type Org } from '../opportunity/org.js'
import type { Opportunity } from '../opportunity/types.js'
import { assertNever } from '../result.js'
import { resolveRelations } from './recipients.js'
import type { Assignment, Change, Effect } from './effects.js'

export type PlanContext = {
  opp: Opportunity
  def: ProcessDefinition
  now: Date
  org: Org
  cal?: Calendar
  /** Tasks already handed out in this reaction, so two skill tasks spread over members. */
  load: Map<string, number>
}

function assign(spec: string, ctx: PlanContext): Assignment {
  const owner = { assigneeId: ctx.opp.ownerId, fallback: true }
  const [kind, arg = ''] = spec.split(':') as [string, string?]
  const found =
    kind === 'owner' ? ctx.opp.ownerId
    : kind === 'direct_manager' ? directManagerOf(ctx.org, ctx.opp.ownerId)?.id
    : kind === 'skill' ? leastLoadedWithSkill(ctx.org, arg, ctx.load)?.id
    : ctx.org.members.find((m) => m.id === arg)?.id
  if (found === undefined) return owner
  ctx.load.set(found, (ctx.load.get(found) ?? 0) + 1)
  return { assigneeId: found, fallback: false }
}

const hours = (now: Date, h: number): Date => new Date(now.getTime() + h * 3_600_000)

/** One action → the effect it plans and the change it makes to the opportunity, if any. */
export function planAction(a: ActionDef, rule: Rule, index: number, ctx: PlanContext, evKey: string): { effect?: Effect; change?: Change } {
  const { opp, now } = ctx
  const base = { opportunityId: opp.id, ruleId: rule.id, idempotencyKey: `${a.do}_${opp.id}_${rule.id}_${index}_${evKey}` }
  switch (a.do) {
    case 'create_task': {
      const dueAt = a.due && ctx.cal ? addWorkingTime(now, a.due, ctx.cal) : undefined
      return { effect: { ...base, kind: 'create_task', title: a.title, assignedBy: a.assignee, ...assign(a.assignee, ctx), ...(dueAt ? { dueAt } : {}) } }
    }
    case 'require_deliverable': {
      const d = ctx.def.nodes.find((n) => n.key === a.node)?.optional.find((x) => x.key === a.deliverable)
      const name = d?.name ?? { zh: a.deliverable, en: a.deliverable }
      return {
        effect: { ...base, kind: 'require_deliverable', node: a.node, deliverable: a.deliverable, name, notifyId: opp.ownerId },
        change: { type: 'requirement.added', node: a.node, deliverable: a.deliverable, ruleId: rule.id },
      }
    }
    case 'send_template':
      return { effect: { ...base, kind: 'send_template', template: a.template, to: a.to, recipientId: a.to === 'owner' ? opp.ownerId : opp.customerId } }
    case 'request_review': {
      const manager = directManagerOf(ctx.org, opp.ownerId)
      const reviewer = { reviewerId: manager?.id ?? opp.ownerId, fallback: manager === undefined }
      return { effect: { ...base, kind: 'request_review', ...reviewer, dueAt: hours(now, a.withinHours), subject: a.subject } }
    }
    case 'notify':
      return { effect: { ...base, kind: 'notify', recipientIds: resolveRelations(a.to, opp.ownerId, ctx.org), message: a.message } }
    case 'set_field':
      return { change: { type: 'field.set', field: a.field, from: opp.fields[a.field], to: a.value, ruleId: rule.id } }
    default:
      return assertNever(a, 'action')
  }
}
