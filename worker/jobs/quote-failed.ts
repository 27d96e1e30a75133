import { renderMessage, type ErrorCode, type Params } from '../../core/errors.js'
import { Member } from '../../io/db/entities/member.entity.js'
import { writeOutbox } from '../../io/db/outbox.repo.js'
import { failQuote } from '../../io/db/quote.repo.js'
import { enqueueOutbox } from '../../io/queue/enqueue-outbox.js'
import type { JobContext } from '../job-context.js'

export type FailingQuote = { tenantId: string; id: string; createdBy: string }

/**
 * Ends a quote as `failed` with its catalog code and tells the rep who sent it, in their language — in one transaction, once (the outbox key is the quote's).
 */
export async function failQuoteAndTell(ctx: JobContext, quote: FailingQuote, code: ErrorCode, params: Params = {}): Promise<void> {
  const now = ctx.now()
  const row = await ctx.rt.db.transaction(async (tx) => {
    await failQuote(tx, quote, code)
    const lang = (await tx.findOneBy(Member, { tenantId: quote.tenantId, id: quote.createdBy }))?.lang ?? 'zh'
    return writeOutbox(tx, { tenantId: quote.tenantId, idempotencyKey: `quote_failed_${quote.id}`, recipientId: quote.createdBy,
      kind: 'quote', payload: { kind: 'text', text: renderMessage(code, params)[lang] }, notBefore: now })
  })
  if (row.inserted) await enqueueOutbox(ctx.rt.queues, [{ id: row.id, tenantId: quote.tenantId, notBefore: now }], now)
  ctx.log.info({ quoteId: quote.id, code }, 'quote failed')
}
