import { fnv1a64 } from '../process/content-hash.js'
import type { NodeKey } from '../process/schema.js'
import type { Deliverable } from '../opportunity/types.js'
import { assertNever } from '../result.js'

/** What happened to an opportunity; rules react to these. */
export type EngineEvent =
  | { type: 'node.entered'; node: NodeKey; runId: string }
  | { type: 'node.left'; node: NodeKey; runId: string }
  | { type: 'field.changed'; field: string; from: unknown; to: unknown }
  | { type: 'deliverable.arrived'; deliverable: Deliverable }
  | { type: 'keyword.heard'; keyword: string; category?: string; messageId: string }
  | { type: 'node.overdue'; node: NodeKey; runId: string; level: number }
  | { type: 'schedule'; ruleId: string; slot: Date }

export const EVENT_TYPES = ['node.entered', 'node.left', 'field.changed', 'deliverable.arrived', 'keyword.heard', 'node.overdue', 'schedule'] as const

/**
 * A piece of an idempotency key. Keys become BullMQ job ids, which reject ':' (and all-digit ids),
 * so anything outside [A-Za-z0-9_-] (Chinese keywords, field values) is replaced by its hash.
 */
export const keyPart = (s: string): string => (/^[A-Za-z0-9_-]+$/.test(s) ? s : fnv1a64(s))

/** What makes one occurrence of an event distinct, so a redelivered event plans the same keys. */
export function eventKey(ev: EngineEvent): string {
  switch (ev.type) {
    case 'node.entered':
    case 'node.left': return `${keyPart(ev.node)}-${keyPart(ev.runId)}`
    case 'field.changed': return `${keyPart(ev.field)}-${keyPart(JSON.stringify(ev.to) ?? 'undefined')}`
    case 'deliverable.arrived': return keyPart(ev.deliverable.id)
    case 'keyword.heard': return `${keyPart(ev.keyword)}-${keyPart(ev.messageId)}`
    case 'node.overdue': return `${keyPart(ev.runId)}-L${ev.level}`
    case 'schedule': return `${keyPart(ev.ruleId)}-${ev.slot.getTime()}`
    default: return assertNever(ev, 'event')
  }
}

/** The event as flat facts for conditions (`event.field`, `event.to`, …). */
export function eventFacts(ev: EngineEvent): Record<string, unknown> {
  switch (ev.type) {
    case 'deliverable.arrived': return { type: ev.type, node: ev.deliverable.node, deliverable: ev.deliverable.key }
    case 'schedule': return { type: ev.type }
    default: return { ...ev }
  }
}
