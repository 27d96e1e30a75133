import type { EntityManager } from 'typeorm'
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js'
import { Outbox } from './entities/outbox.entity.js'

export type NewOutboxRow = {
  tenantId: string; idempotencyKey: string; recipientId: string; kind: string
  payload: Record<string, unknown>; notBefore: Date
  /** The platform it goes out on; by default the tenant's own (WeCom or DingTalk), which is what delivery uses. */
  channel?: string
}

const TENANT_CHANNEL = '(SELECT t.channel FROM tenant t WHERE t.id = :outboxTenantId)'

/**
 * Write an outbound message once per idempotency key. The unique key is the real once-only guard: a
 * retried job or a second worker writing the same reminder finds the row and adds nothing.
 */
export async function writeOutbox(m: EntityManager, row: NewOutboxRow): Promise<{ id: string; inserted: boolean }> {
  const values = { ...row, channel: row.channel ?? (() => TENANT_CHANNEL) } as QueryDeepPartialEntity<Outbox>
  const res = await m.createQueryBuilder().insert().into(Outbox).values(values).setParameter('outboxTenantId', row.tenantId)
    .orIgnore().returning(['id']).execute()
  const id = (res.raw as { id: string }[])[0]?.id
  if (id) return { id, inserted: true }
  const existing = await m.findOneByOrFail(Outbox, { tenantId: row.tenantId, idempotencyKey: row.idempotencyKey })
  return { id: existing.id, inserted: false }
}

/**
 * Many rows in one statement, each once per idempotency key as writeOutbox does: the rows that were
 * new come back (a key already written adds nothing and is left out).
 */
export async function writeOutboxMany(m: EntityManager, rows: readonly NewOutboxRow[]): Promise<{ id: string; idempotencyKey: string }[]> {
  if (rows.length === 0) return []
  const col = <K extends keyof NewOutboxRow>(k: K) => rows.map((r) => r[k])
  const written = await m.query(
    `INSERT INTO outbox (tenant_id, idempotency_key, channel, recipient_id, kind, payload, not_before)
     SELECT u.tenant_id, u.key, coalesce(u.channel, t.channel), u.recipient_id, u.kind, u.payload, u.not_before
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::jsonb[], $7::timestamptz[])
       AS u(tenant_id, key, channel, recipient_id, kind, payload, not_before)
     JOIN tenant t ON t.id = u.tenant_id
     ON CONFLICT DO NOTHING RETURNING id, idempotency_key`,
    [col('tenantId'), col('idempotencyKey'), rows.map((r) => r.channel ?? null), col('recipientId'), col('kind'), rows.map((r) => JSON.stringify(r.payload)), col('notBefore')],
  ) as { id: string; idempotency_key: string }[]
  return written.map((r) => ({ id: r.id, idempotencyKey: r.idempotency_key }))
}

/** A claimed row with what sending needs: the recipient's platform user id (null when no such member). */
export type ClaimedOutbox = Pick<Outbox, 'id' | 'tenantId' | 'recipientId' | 'payload' | 'attempts'> & { platformUserId: string | null }

/**
 * Claim rows for sending: atomically moves each due `pending` row, or `sending` row whose lease expired
 * (its worker died), to `sending` with a fresh lease. Rows another worker holds, or that are done, are
 * left out. One statement for many rows, joined with their recipients.
 */
export async function claimOutboxMany(m: EntityManager, tenantId: string, ids: readonly string[], now: Date, leaseMs: number): Promise<ClaimedOutbox[]> {
  if (ids.length === 0) return []
  return await m.query(
    `WITH claimed AS (
       UPDATE outbox SET status = 'sending', lease_until = $3, attempts = attempts + 1, updated_at = now()
       WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND not_before <= $4
         AND (status = 'pending' OR (status = 'sending' AND lease_until < $4))
       RETURNING id, tenant_id, recipient_id, payload, attempts)
     SELECT c.id, c.tenant_id AS "tenantId", c.recipient_id AS "recipientId", c.payload, c.attempts, m.platform_user_id AS "platformUserId"
     FROM claimed c LEFT JOIN member m ON m.tenant_id = c.tenant_id AND m.id = c.recipient_id`,
    [tenantId, [...new Set(ids)], new Date(now.getTime() + leaseMs), now],
  ) as ClaimedOutbox[]
}

/** The row's current claim, to tell "someone holds it" from "done". */
export async function findOutboxLease(m: EntityManager, tenantId: string, id: string): Promise<Pick<Outbox, 'status' | 'leaseUntil' | 'attempts'> | null> {
  return m.findOne(Outbox, { where: { tenantId, id }, select: { status: true, leaseUntil: true, attempts: true } })
}

/** Rows the platform accepted, each with its send time and message id, in one statement. */
export async function markOutboxSentMany(m: EntityManager, tenantId: string, rows: readonly { id: string; at: Date; platformMsgId: string }[]) {
  if (rows.length === 0) return
  await m.query(
    `UPDATE outbox SET status = 'sent', sent_at = v.at, platform_msg_id = v.msgid, lease_until = NULL, updated_at = now()
     FROM unnest($2::uuid[], $3::timestamptz[], $4::text[]) AS v(id, at, msgid)
     WHERE outbox.tenant_id = $1 AND outbox.id = v.id`,
    [tenantId, rows.map((r) => r.id), rows.map((r) => r.at), rows.map((r) => r.platformMsgId)],
  )
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
