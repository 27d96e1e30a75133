import { z } from 'zod'
import { DeliverableDefSchema } from './schema-deliverables.js'
import { EscalationStepSchema, FieldDefSchema, I18nTextSchema, KeySchema, TimeLimitSchema } from './schema-parts.js'
import { RuleSchema } from './schema-rules.js'

/** 节点: one stage of the process, closed only when its deliverables are in. */
export const NodeDefSchema = z.strictObject({
  key: KeySchema,
  name: I18nTextSchema,
  deliverables: z.array(DeliverableDefSchema).default([]),
  /** Deliverables that only count once a rule requires them (require_deliverable). */
  optional: z.array(DeliverableDefSchema).default([]),
  timeLimit: TimeLimitSchema.optional(),
  /** The node may be passed over without its deliverables; the skip is recorded. */
  canSkip: z.boolean().default(false),
  /** Earlier nodes this node may send the opportunity back to; the move is recorded. */
  canReturnTo: z.array(KeySchema).default([]),
})
export type NodeDef = z.output<typeof NodeDefSchema>

/** A process definition 流程定义 as an admin writes it in config/processes/<id>.yaml. */
export const ProcessSchema = z.strictObject({
  id: KeySchema,
  name: I18nTextSchema,
  fields: z.array(FieldDefSchema).default([]),
  /** Default escalation ladder for nodes whose time limit has none. */
  escalation: z.array(EscalationStepSchema).min(1).optional(),
  nodes: z.array(NodeDefSchema).min(1),
  rules: z.array(RuleSchema).default([]),
})
export type ProcessBody = z.output<typeof ProcessSchema>

/** A validated definition plus its content hash, which opportunities pin (definitionVersion). */
export type ProcessDefinition = ProcessBody & { version: string }
export type NodeKey = string
