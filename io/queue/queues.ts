import { z } from 'zod'

/** Queue name = job name, kebab-case, one job kind per queue (STYLE.md). */
export const QUEUE_NAMES = ['events', 'rules', 'reminders', 'notify', 'sweep', 'ocr-quote', 'digest', 'org-sync', 'day-plan', 'heatmap'] as const
export type QueueName = (typeof QUEUE_NAMES)[number]

const tenantId = z.string().uuid()
const inboxId = z.string().regex(/^\d+$/)

export const PAYLOADS = {
  /** An inbox row to turn into domain actions, or the rows one callback tick stored, fanned out into one job each. */
  events: z.union([
    z.object({ tenantId, inboxId }),
    z.object({ rows: z.array(z.object({ tenantId, inboxId })).min(1).max(1000) }),
  ]),
  /** An engine event for one opportunity (rules whose trigger matches run in core). */
  rules: z.object({ tenantId, opportunityId: z.string().uuid(), event: z.record(z.string(), z.unknown()), key: z.string() }),
  /** One escalation level of one node run, or a review task falling due; re-checked against the database when it fires. */
  reminders: z.union([
    z.object({ tenantId, nodeRunId: z.string().uuid(), level: z.number().int().min(1).max(9) }),
    z.object({ tenantId, taskId: z.string().uuid(), level: z.literal(1) }),
  ]),
  /** One outbox row to deliver through its channel. */
  notify: z.object({ tenantId, outboxId: z.string().uuid() }),
  /** The periodic sweep: re-enqueue what Redis lost. */
  sweep: z.object({}).passthrough(),
  'ocr-quote': z.object({ tenantId, attachmentId: z.string().uuid(), quoteId: z.string().uuid() }),
  /** The daily digest; without a date (the job scheduler's runs) it is today in the tenant's time zone. */
  digest: z.object({ tenantId: tenantId.optional(), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }),
  /** Re-read the platform directory (departments, members, direct managers); no tenant = every tenant. */
  'org-sync': z.object({ tenantId: tenantId.optional() }),
  /** Each working morning's route per rep; no tenant = every tenant, no date = today (Beijing). */
  'day-plan': z.object({ tenantId: tenantId.optional(), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }),
  /** The weekly department heatmap and its manager cards; no tenant = every tenant, no date = today (Beijing). */
  heatmap: z.object({ tenantId: tenantId.optional(), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }),
} satisfies Record<QueueName, z.ZodType>

export type Payload<Q extends QueueName> = z.output<(typeof PAYLOADS)[Q]>

export function parsePayload<Q extends QueueName>(queue: Q, data: unknown): Payload<Q> {
  return PAYLOADS[queue].parse(data) as Payload<Q>
}

/**
 * Deterministic job ids. BullMQ rejects ':' and all-digit ids, so parts are joined with '-'
 * and always start with the kind.
 */
export function jobId(kind: string, ...parts: (string | number)[]): string {
  return [kind, ...parts].map(String).join('-').replace(/[^A-Za-z0-9_-]/g, '_')
}
