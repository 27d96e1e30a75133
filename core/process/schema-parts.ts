import { z } from 'zod'
import { parseDuration } from '../timing/duration.js'
import { parseClock } from '../timing/beijing-time.js'

/** Text shown to people, in Chinese and English. */
export const I18nTextSchema = z.strictObject({ zh: z.string().min(1), en: z.string().min(1) })
export type I18nText = z.output<typeof I18nTextSchema>

/** Keys are ASCII so they can live in job ids, URLs and SQL. */
export const KeySchema = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'lower-case letters, digits, _ and -')

/** A working-time span: '3d', '4h', '1d4h', '30m'. */
export const DurationSchema = z.string().transform((text, ctx) => {
  const d = parseDuration(text)
  if (!d) ctx.addIssue({ code: 'custom', message: `bad duration ${text}`, params: { code: 'PROCESS_BAD_DURATION', value: text } })
  return d ?? { days: 0, minutes: 0 }
})

export const ClockSchema = z.string().refine((s) => parseClock(s) !== null, 'time of day as HH:MM')

/** Who a reminder or notice goes to, relative to the opportunity's owner. Never a role. */
export const RelationSchema = z.enum(['owner', 'direct_manager', 'manager_of_manager'])
export type Relation = z.output<typeof RelationSchema>

/** One step of an escalation ladder 升级: `after` is working time past the node's due time. */
export const EscalationStepSchema = z.strictObject({
  after: DurationSchema,
  notify: z.array(RelationSchema).min(1),
})
export type EscalationStep = z.output<typeof EscalationStepSchema>

/** 时限: how long a node may stay open, and who is reminded when it does not close. */
export const TimeLimitSchema = z.strictObject({
  maxDwell: DurationSchema,
  escalation: z.array(EscalationStepSchema).min(1).optional(),
})
export type TimeLimit = z.output<typeof TimeLimitSchema>

/** An opportunity field rules can read and set (商机字段). */
export const FieldDefSchema = z.strictObject({
  key: KeySchema,
  name: I18nTextSchema,
  type: z.enum(['string', 'number', 'boolean', 'date']),
  options: z.array(z.string()).min(1).optional(),
})
export type FieldDef = z.output<typeof FieldDefSchema>
