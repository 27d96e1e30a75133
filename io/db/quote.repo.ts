import type { EntityManager } from 'typeorm'
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js'
import { Quote } from './entities/quote.entity.js'

export type NewQuote = Pick<Quote, 'tenantId' | 'opportunityId' | 'attachmentId' | 'createdBy' | 'clientId'>

/** Once per (tenant, clientId): a page that sends the same quote twice gets the first row back. */
export async function insertQuote(m: EntityManager, q: NewQuote): Promise<{ quote: Quote; inserted: boolean }> {
  const res = await m.createQueryBuilder().insert().into(Quote).values({ ...q, status: 'queued' } as QueryDeepPartialEntity<Quote>)
    .orIgnore().returning(['id']).execute()
  const id = (res.raw as { id: string }[])[0]?.id
  const quote = await m.findOneByOrFail(Quote, id ? { tenantId: q.tenantId, id } : { tenantId: q.tenantId, clientId: q.clientId })
  return { quote, inserted: Boolean(id) }
}

export async function findQuote(m: EntityManager, tenantId: string, id: string): Promise<Quote | null> {
  return m.findOneBy(Quote, { tenantId, id })
}

export async function findQuoteForUpdate(tx: EntityManager, tenantId: string, id: string): Promise<Quote | null> {
  return tx.findOne(Quote, { where: { tenantId, id }, lock: { mode: 'pessimistic_write' } })
}

/** Claim a queued (or interrupted) quote for OCR; null when another run already finished it. */
export async function claimQuoteForOcr(m: EntityManager, tenantId: string, id: string): Promise<Quote | null> {
  const res = await m.query(`UPDATE quote SET status = 'processing', updated_at = now()
    WHERE tenant_id = $1 AND id = $2 AND status IN ('queued', 'processing') RETURNING id`, [tenantId, id]) as [unknown[], number]
  return res[1] > 0 ? m.findOneBy(Quote, { tenantId, id }) : null
}

export async function saveQuoteReading(m: EntityManager, q: Pick<Quote, 'tenantId' | 'id'>,
  r: { ocr: Record<string, unknown>; confidence: Record<string, number>; flags: string[] }): Promise<void> {
  await m.update(Quote, { tenantId: q.tenantId, id: q.id }, { status: 'pending_confirmation', ...r } as QueryDeepPartialEntity<Quote>)
}

export async function failQuote(m: EntityManager, q: Pick<Quote, 'tenantId' | 'id'>, errorCode: string): Promise<void> {
  await m.update(Quote, { tenantId: q.tenantId, id: q.id }, { status: 'failed', errorCode })
}
