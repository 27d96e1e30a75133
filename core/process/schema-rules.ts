import { z } from 'zod'
import { ClockSchema, DurationSchema, I18nTextSchema, KeySchema, RelationSchema } from './schema-parts.js'

const JsonValue = z.union([z.string(), z.number(), z.boolean(), z.null()])

/** When a rule fires. Optional filters narrow the event (e.g. only node `quote`). */
export const TriggerSchema = z.discriminatedUnion('on', [
  z.strictObject({ on: z.literal('node.entered'), node: KeySchema.optional() }),
  z.strictObject({ on: z.literal('node.left'), node: KeySchema.optional() }),
  z.strictObject({
    on: z.literal('field.changed'),
    fields: z.array(KeySchema).min(1).optional(),
    from: JsonValue.optional(),
    to: JsonValue.optional(),
  }),
  z.strictObject({ on: z.literal('deliverable.arrived'), node: KeySchema.optional(), deliverable: KeySchema.optional() }),
  z.strictObject({ on: z.literal('keyword.heard'), keywords: z.array(z.string().min(1)).optional(), category: z.string().optional() }),
  z.strictObject({ on: z.literal('node.overdue'), node: KeySchema.optional(), level: z.int().min(1).optional() }),
  z.strictObject({
    on: z.literal('schedule'),
    /** 'workdays' follows the working calendar; numbers are weekdays, 0 = Sunday … 6 = Saturday. */
    days: z.union([z.literal('workdays'), z.array(z.int().min(0).max(6)).min(1)]),
    at: ClockSchema,
    /** Also run on statutory holidays (a Friday that is National Day); off by default. */
    onHolidays: z.boolean().default(false),
  }),
])
export type Trigger = z.output<typeof TriggerSchema>
export type TriggerType = Trigger['on']

/** owner | direct_manager | skill:<skill> (least-loaded member with it) | member:<id>. */
export const AssigneeSchema = z.string().regex(/^(owner|direct_manager|skill:[\w-]+|member:[\w-]+)$/, 'owner, direct_manager, skill:<x> or member:<id>')

export const ActionDefSchema = z.discriminatedUnion('do', [
  z.strictObject({ do: z.literal('create_task'), title: I18nTextSchema, assignee: AssigneeSchema, due: DurationSchema.optional() }),
  z.strictObject({ do: z.literal('require_deliverable'), node: KeySchema, deliverable: KeySchema }),
  z.strictObject({ do: z.literal('send_template'), template: KeySchema, to: z.enum(['owner', 'customer']) }),
  z.strictObject({ do: z.literal('request_review'), withinHours: z.number().positive(), subject: I18nTextSchema }),
  z.strictObject({ do: z.literal('notify'), to: z.array(RelationSchema).min(1), message: I18nTextSchema }),
  z.strictObject({ do: z.literal('set_field'), field: KeySchema, value: JsonValue }),
])
export type ActionDef = z.output<typeof ActionDefSchema>

/** 规则: trigger + optional json-logic condition + actions. */
export const RuleSchema = z.strictObject({
  id: KeySchema,
  trigger: TriggerSchema,
  when: z.record(z.string(), z.unknown()).optional(),
  then: z.array(ActionDefSchema).min(1),
})
export type Rule = z.output<typeof RuleSchema>
