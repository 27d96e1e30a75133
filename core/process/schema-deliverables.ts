import { z } from 'zod'
import { I18nTextSchema, KeySchema } from './schema-parts.js'

const base = { key: KeySchema, name: I18nTextSchema, min: z.int().min(1).default(1) }

export const FORM_FIELD_TYPES = ['text', 'number', 'date', 'boolean', 'select', 'text_list'] as const
export const FormFieldSchema = z.strictObject({
  key: KeySchema,
  name: I18nTextSchema,
  type: z.enum(FORM_FIELD_TYPES),
  required: z.boolean().default(true),
  minItems: z.int().min(1).optional(),
  options: z.array(z.string()).min(1).optional(),
})
export type FormFieldDef = z.output<typeof FormFieldSchema>

/** 交付物: the evidence a node needs before it can close. */
export const DeliverableDefSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...base,
    kind: z.literal('photo'),
    /** Taken on site: within this many metres of the customer's address. */
    maxDistanceM: z.number().positive().optional(),
    /** Taken while a visit was checked in (between check-in and check-out). */
    duringVisit: z.boolean().default(false),
  }),
  z.strictObject({ ...base, kind: z.literal('voice_summary'), minLength: z.int().min(1).default(1) }),
  z.strictObject({ ...base, kind: z.literal('file'), accept: z.array(z.string().regex(/^[a-z0-9]+$/)).min(1).optional() }),
  z.strictObject({ ...base, kind: z.literal('quote'), minValidDays: z.int().min(0).default(0) }),
  z.strictObject({ ...base, kind: z.literal('form'), fields: z.array(FormFieldSchema).min(1) }),
  z.strictObject({ ...base, kind: z.literal('checklist'), items: z.array(z.strictObject({ key: KeySchema, name: I18nTextSchema })).min(1) }),
])
export type DeliverableDef = z.output<typeof DeliverableDefSchema>
export type DeliverableKind = DeliverableDef['kind']
