import type { Trigger } from '../process/schema-rules.js'
import { assertNever } from '../result.js'
import type { EngineEvent } from './events.js'

const sameValue = (want: unknown, got: unknown): boolean => want === undefined || want === got

/** Whether a rule's trigger (type and filters) matches the event; `ruleId` picks the rule a schedule event is for. */
export function triggerMatches(t: Trigger, ev: EngineEvent, ruleId: string): boolean {
  if (t.on !== ev.type) return false
  switch (t.on) {
    case 'node.entered':
    case 'node.left':
      return ev.type === t.on && (t.node === undefined || t.node === ev.node)
    case 'field.changed':
      return ev.type === 'field.changed' && (t.fields === undefined || t.fields.includes(ev.field)) && sameValue(t.from, ev.from) && sameValue(t.to, ev.to)
    case 'deliverable.arrived':
      return ev.type === 'deliverable.arrived' && (t.node === undefined || t.node === ev.deliverable.node) &&
        (t.deliverable === undefined || t.deliverable === ev.deliverable.key)
    case 'keyword.heard':
      return ev.type === 'keyword.heard' && (t.keywords === undefined || t.keywords.includes(ev.keyword)) &&
        (t.category === undefined || t.category === ev.category)
    case 'node.overdue':
      return ev.type === 'node.overdue' && (t.node === undefined || t.node === ev.node) && (t.level === undefined || t.level === ev.level)
    case 'schedule':
      return ev.type === 'schedule' && ev.ruleId === ruleId
    default:
      return assertNever(t, 'trigger')
  }
}
