import type { I18nText } from '../process/schema-parts.js'
import type { NodeKey } from '../process/schema.js'
import type { ReminderContent } from '../opportunity/reminder-content.js'

type Base = {
  /** Deterministic; '_' and '-' only as separators, so it can be a BullMQ job id and an outbox unique key. */
  idempotencyKey: string
  opportunityId: string
}
type FromRule = Base & { ruleId: string }

/** Who the engine picked and whether it had to fall back to the owner (no skilled member, no manager). */
export type Assignment = { assigneeId: string; fallback: boolean }

/** Everything the engine asks the edges to do. Closed: the effect runner switches over `kind`. */
export type Effect =
  | (FromRule & Assignment & { kind: 'create_task'; title: I18nText; assignedBy: string; dueAt?: Date })
  | (FromRule & { kind: 'require_deliverable'; node: NodeKey; deliverable: string; name: I18nText; notifyId: string })
  | (FromRule & { kind: 'send_template'; template: string; to: 'owner' | 'customer'; recipientId: string })
  | (FromRule & { kind: 'request_review'; reviewerId: string; fallback: boolean; dueAt: Date; subject: I18nText })
  | (FromRule & { kind: 'notify'; recipientIds: string[]; message: I18nText })
  | (Base & { kind: 'schedule_reminder'; nodeRunId: string; node: NodeKey; level: number; at: Date })
  | (Base & { kind: 'send_reminder'; nodeRunId: string; node: NodeKey; level: number; recipientIds: string[]; content: ReminderContent })

export type EffectKind = Effect['kind']

/** A change a rule made to the opportunity's own data (saved by the edge with the opportunity). */
export type Change =
  | { type: 'field.set'; field: string; from: unknown; to: unknown; ruleId: string }
  | { type: 'requirement.added'; node: NodeKey; deliverable: string; ruleId: string }
