import type { EntityManager } from 'typeorm'
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js'
import { Outbox } from './entities/outbox.entity.js'

export type NewOutboxRow = {
  tenantId: string; idempotencyKey: string; channel: string; recipientId: string; kind: string
  payload: Record<string, unknown>; notBefore: Date
}

/**
 * Write an outbound message once per idempotency key. The unique key is the real once-only guard: a
 * retried job or a second worker writing the same reminder finds the row and adds nothing.
 */
export async function writeOutbox(m: EntityManager, row: NewOutboxRow): Promise<{ id: string; inserted: boolean }> {
  const res = await m.createQueryBuilder().insert().into(Outbox).values(row as QueryDeepPartialEntity<Outbox>)
    .orIgnore().returning(['id']).execute()
  const id = (res.raw as { id: string }[])[0]?.id
  if (id) return { id, inserted: true }
  const existing = await m.findOneByOrFail(Outbox, { tenantId: row.tenantId, idempotencyKey: row.idempotencyKey })
  return { id: existing.id, inserted: false }
}

/**
 * Claim a row for sending: atomically moves a due `pending` row, or a `sending` row whose lease expired
 * (its worker died), to `sending` with a fresh lease. Null when another worker holds it or it is done.
 */
export async function claimOutbox(m: EntityManager, tenantId: string, id: string, now: Date, leaseMs: number): Promise<Outbox | null> {
  const rows = await m.query(
    `UPDATE outbox SET status = 'sending', lease_until = $3, attempts = attempts + 1, updated_at = now()
     WHERE tenant_id = $1 AND id = $2 AND not_before <= $4
       AND (status = 'pending' OR (status = 'sending' AND lease_until < $4))
     RETURNING id`, [tenantId, id, new Date(now.getTime() + leaseMs), now],
  ) as [unknown[], number] | { id: string }[]
  const claimed = Array.isArray(rows[0]) ? (rows[0] as { id: string }[]) : (rows as { id: string }[])
  if (claimed.length === 0) return null
  return m.findOneByOrFail(Outbox, { tenantId, id })
}

/** The row's current claim, to tell "someone holds it" from "done". */
export async function findOutboxLease(m: EntityManager, tenantId: string, id: string): Promise<Pick<Outbox, 'status' | 'leaseUntil' | 'attempts'> | null> {
  return m.findOne(Outbox, { where: { tenantId, id }, select: { status: true, leaseUntil: true, attempts: true } })
}

export async function markOutboxSent(m: EntityManager, tenantId: string, id: string, at: Date, platformMsgId: string) {
  await m.update(Outbox, { tenantId, id }, { status: 'sent', sentAt: at, platformMsgId, leaseUntil: null })
}

/** Give the row back (rate limit or transient failure) to be tried again at `notBefore`. */
export async function releaseOutbox(m: EntityManager, tenantId: string, id: string, notBefore: Date, errorCode: string | null = null) {
  await m.update(Outbox, { tenantId, id }, { status: 'pending', notBefore, leaseUntil: null, errorCode })
}

/** A permanent failure, with a reason an admin can read. Never retried. */
export async function failOutbox(m: EntityManager, tenantId: string, id: string, errorCode: string, errorDetail: string) {
  await m.update(Outbox, { tenantId, id }, { status: 'failed', errorCode, errorDetail: errorDetail.slice(0, 2000), leaseUntil: null })
}

/** Unsent rows that are due: what the sweep re-enqueues after Redis lost their jobs. */
export async function findDueOutbox(m: EntityManager, now: Date, limit: number): Promise<Pick<Outbox, 'id' | 'tenantId' | 'notBefore' | 'attempts'>[]> {
  return m.createQueryBuilder(Outbox, 'o').select(['o.id', 'o.tenantId', 'o.notBefore', 'o.attempts'])
    .where(`o.status IN ('pending', 'sending') AND o.not_before <= :now AND (o.lease_until IS NULL OR o.lease_until < :now)`, { now })
    .orderBy('o.not_before').limit(limit).getMany()
}
