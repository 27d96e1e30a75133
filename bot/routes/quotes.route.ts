import type Router from '@koa/router'
import type { EntityManager } from 'typeorm'
import { z } from 'zod'
import { isErrorCode, renderMessage } from '../../core/errors.js'
import { missingDeliverables } from '../../core/opportunity/deliverable-check.js'
import type { QuoteField } from '../../core/parsing/quote/parse-quote.js'
import { AppError } from '../../io/app-error.js'
import type { Logger } from '../../io/log.js'
import { insertActivity } from '../../io/db/activity.repo.js'
import { Attachment } from '../../io/db/entities/attachment.entity.js'
import { Deliverable } from '../../io/db/entities/deliverable.entity.js'
import { Opportunity } from '../../io/db/entities/opportunity.entity.js'
import type { Quote } from '../../io/db/entities/quote.entity.js'
import { runUuid } from '../../io/db/node-run.repo.js'
import { findOpportunityForUpdate } from '../../io/db/opportunity.repo.js'
import { findQuote, findQuoteForUpdate, insertQuote } from '../../io/db/quote.repo.js'
import { enqueueRuleEvent } from '../../io/effects.js'
import { definitionFor } from '../../io/handle-event.js'
import { enqueueOcr } from '../../io/queue/enqueue-ocr.js'
import { authorizeOpportunity, isUuid } from '../middleware/authorize.js'
import { sessionOf, type Session, type SessionState } from '../middleware/session.js'
import { attachmentFromMedia } from './attachments.route.js'
import { apiRouter, readJson, type SidebarDeps } from './sidebar-api.route.js'

const FIELDS: readonly QuoteField[] = ['amount', 'models', 'quoteDate', 'validUntil']
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
const CreateBody = z.union([
  z.object({ clientId: z.string().min(1).max(64), opportunityId: z.string(), mediaId: z.string().min(1).max(256) }),
  z.object({ clientId: z.string().min(1).max(64), opportunityId: z.string(), attachmentId: z.string().uuid() }),
])
const ConfirmBody = z.object({
  clientId: z.string().min(1).max(64), amount: z.number().positive().max(1e12), models: z.array(z.string().trim().min(1).max(100)).max(50),
  validUntil: day.nullable(), corrected: z.boolean(), acceptedLowConfidence: z.array(z.enum(['amount', 'models', 'quoteDate', 'validUntil'])),
})
const PROGRESS = { queued: 0.1, processing: 0.5, pending_confirmation: 1, confirmed: 1, failed: 1 } as const

export function quoteStatus(q: Quote) {
  const o = q.ocr
  return {
    status: q.status, progress: PROGRESS[q.status],
    fields: { amount: typeof o.amount === 'number' ? o.amount : null, models: Array.isArray(o.models) ? o.models : [],
      quoteDate: typeof o.quoteDate === 'string' ? o.quoteDate : null, validUntil: typeof o.validUntil === 'string' ? o.validUntil : null },
    confidence: Object.fromEntries(FIELDS.map((f) => [f, q.confidence[f] ?? 0])),
    flags: q.flags,
    ...(q.errorCode && isErrorCode(q.errorCode) ? { error: { code: q.errorCode, message: renderMessage(q.errorCode, { detail: '-' }) } } : {}),
  }
}

/** Quote images → OCR in the worker → the rep confirms or corrects → a quote deliverable and field.changed for the amount. */
export function quoteRoutes(d: SidebarDeps): Router<SessionState> {
  const r = apiRouter(d)
  r.post('/quotes', async (ctx) => {
    const s = sessionOf(ctx)
    const body = await readJson(ctx, CreateBody)
    const opp = await authorizeOpportunity(d.db.manager, s, body.opportunityId)
    const att = 'mediaId' in body ? await attachmentFromMedia(d, s, body.mediaId)
      : await d.db.manager.findOneBy(Attachment, { tenantId: s.tenantId, id: body.attachmentId })
    if (!att) throw new AppError('NOT_FOUND', { what: 'attachment' })
    const { quote } = await insertQuote(d.db.manager, { tenantId: s.tenantId, opportunityId: opp.id, attachmentId: att.id, createdBy: s.memberId, clientId: body.clientId })
    if (quote.createdBy !== s.memberId || quote.opportunityId !== opp.id) throw new AppError('CLIENT_ID_REUSED', { clientId: body.clientId })
    if (quote.status === 'queued') {
      // The quote is stored: if the queue is down now, the sweep queues it later (worker/jobs/sweep-quotes.ts).
      await enqueueOcr(d.queues, { tenantId: s.tenantId, attachmentId: quote.attachmentId, quoteId: quote.id })
        .catch((err: Error) => (ctx.state as { log: Logger }).log.warn({ quoteId: quote.id, err: err.message }, 'ocr enqueue failed; the sweep will retry'))
    }
    ctx.status = 202
    ctx.body = { quoteId: quote.id }
  })

  r.get('/quotes/:id', async (ctx) => {
    const s = sessionOf(ctx)
    const q = await authorizedQuote(d.db.manager, s, ctx.params.id ?? '')
    ctx.body = quoteStatus(q)
  })

  r.post('/quotes/:id/confirm', async (ctx) => {
    const s = sessionOf(ctx)
    const body = await readJson(ctx, ConfirmBody)
    await authorizedQuote(d.db.manager, s, ctx.params.id ?? '')
    const res = await confirmQuote(d, s, ctx.params.id ?? '', body, new Date())
    if (res.event) {
      await enqueueRuleEvent(d.queues, { tenantId: s.tenantId, opportunityId: res.opportunityId, key: `quote-${res.quoteId}`,
        event: { type: 'field.changed', field: 'amount', from: res.event.from, to: res.event.to } })
    }
    ctx.body = { quoteId: res.quoteId, deliverableSatisfied: res.deliverableSatisfied }
  })
  return r
}

async function authorizedQuote(m: EntityManager, s: Session, id: string): Promise<Quote> {
  const q = isUuid(id) ? await findQuote(m, s.tenantId, id) : null
  if (!q) throw new AppError('NOT_FOUND', { what: `quote ${id}` })
  await authorizeOpportunity(m, s, q.opportunityId)
  return q
}

type Confirmed = { quoteId: string; opportunityId: string; deliverableSatisfied: boolean; event: { from: unknown; to: number } | null }

/** In one transaction: the quote confirmed (OCR values kept beside), the deliverable on the current node, a record. */
async function confirmQuote(d: SidebarDeps, s: Session, id: string, b: z.output<typeof ConfirmBody>, now: Date): Promise<Confirmed> {
  return d.db.transaction(async (tx) => {
    const q = await findQuoteForUpdate(tx, s.tenantId, id)
    if (!q) throw new AppError('NOT_FOUND', { what: `quote ${id}` })
    const loaded = await findOpportunityForUpdate(tx, s.tenantId, q.opportunityId)
    if (!loaded) throw new AppError('NOT_FOUND', { what: `opportunity ${q.opportunityId}` })
    const satisfied = async (key: string) => {
      const def = await definitionFor(tx, d.config, s.tenantId, loaded.row.processId, loaded.row.definitionVersion)
      const after = await findOpportunityForUpdate(tx, s.tenantId, q.opportunityId)
      return Boolean(def && after) && !missingDeliverables(after!.opportunity, def!, after!.row.currentNode).some((x) => x.key === key)
    }
    if (q.status === 'confirmed' && q.confirmed?.clientId === b.clientId) {
      const dl = q.deliverableId ? await tx.findOneBy(Deliverable, { tenantId: s.tenantId, id: q.deliverableId }) : null
      return { quoteId: q.id, opportunityId: q.opportunityId, deliverableSatisfied: dl ? await satisfied(String(dl.data.key)) : false, event: null }
    }
    if (q.status !== 'pending_confirmation') throw new AppError('QUOTE_NOT_PENDING', { status: q.status })
    const unchecked = lowConfidenceUnchecked(q, b)
    if (unchecked.length) throw new AppError('QUOTE_LOW_CONFIDENCE_UNCONFIRMED', { fields: unchecked.join(', ') })
    const { row, opportunity } = loaded
    const def = await definitionFor(tx, d.config, s.tenantId, row.processId, row.definitionVersion)
    const key = def?.nodes.find((n) => n.key === row.currentNode)?.deliverables.find((x) => x.kind === 'quote')?.key ?? 'quote'
    const run = opportunity.nodeRuns.findLast((x) => x.node === row.currentNode)
    const data = { key, amount: b.amount, models: b.models, validUntil: b.validUntil, quoteId: q.id }
    const dl = await tx.save(tx.create(Deliverable, { tenantId: s.tenantId, opportunityId: row.id, nodeRunId: run ? runUuid(run.id) : null,
      node: row.currentNode, kind: 'quote', data, attachmentId: q.attachmentId, submittedBy: s.memberId, arrivedAt: now, clientId: b.clientId }))
    await tx.update(Opportunity, { tenantId: s.tenantId, id: row.id }, { amount: b.amount.toFixed(2) })
    await tx.update('quote', { tenantId: s.tenantId, id: q.id }, { status: 'confirmed', confirmedAt: now, deliverableId: dl.id,
      confirmed: { clientId: b.clientId, amount: b.amount, models: b.models, validUntil: b.validUntil, corrected: b.corrected || differs(q, b),
        acceptedLowConfidence: b.acceptedLowConfidence, by: s.memberId } })
    await insertActivity(tx, { tenantId: s.tenantId, opportunityId: row.id, customerId: row.customerId, memberId: s.memberId, kind: 'quote',
      summary: `报价 ¥${b.amount.toLocaleString('zh-CN')} ${b.models.join('、')}`.trim(), occurredAt: now, data: { quoteId: q.id } }, now)
    const from = opportunity.fields.amount ?? null
    return { quoteId: q.id, opportunityId: row.id, deliverableSatisfied: await satisfied(key), event: from === b.amount ? null : { from, to: b.amount } }
  })
}

/** A low-confidence field must be corrected or explicitly accepted; it is never taken silently. */
function lowConfidenceUnchecked(q: Quote, b: z.output<typeof ConfirmBody>): QuoteField[] {
  const low = FIELDS.filter((f) => q.flags.includes(`${f}_low_confidence`))
  const changed = new Set(changedFields(q, b))
  return low.filter((f) => !changed.has(f) && !b.acceptedLowConfidence.includes(f) && f !== 'quoteDate')
}

function changedFields(q: Quote, b: z.output<typeof ConfirmBody>): QuoteField[] {
  const o = q.ocr
  const sameModels = JSON.stringify([...(Array.isArray(o.models) ? o.models as string[] : [])].sort()) === JSON.stringify([...b.models].sort())
  return [
    ...(o.amount !== b.amount ? ['amount' as const] : []),
    ...(!sameModels ? ['models' as const] : []),
    ...((o.validUntil ?? null) !== b.validUntil ? ['validUntil' as const] : []),
  ]
}
const differs = (q: Quote, b: z.output<typeof ConfirmBody>) => changedFields(q, b).length > 0
