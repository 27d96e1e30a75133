import type { EntityManager } from 'typeorm'
import { Inbox } from './entities/inbox.entity.js'

export type NewInboxRow = {
  tenantId: string; channel: string; dedupeKey: string; eventType: string
  payload: Record<string, unknown>; raw: string; receivedAt: Date
}

/**
 * Store a platform message once. Returns the row id and whether this call inserted it: a platform
 * retry of the same message finds the unique key taken and changes nothing.
 */
export async function insertInbox(m: EntityManager, row: NewInboxRow): Promise<{ id: string; inserted: boolean }> {
  // One statement on the hot path of every callback (plain SQL: the query builder cost more than the insert).
  const inserted = await m.query(
    `INSERT INTO inbox (tenant_id, channel, dedupe_key, event_type, payload, raw, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (tenant_id, channel, dedupe_key) DO NOTHING RETURNING id`,
    [row.tenantId, row.channel, row.dedupeKey, row.eventType, JSON.stringify(row.payload), row.raw, row.receivedAt],
  ) as { id: string }[]
  if (inserted[0]) return { id: String(inserted[0].id), inserted: true }
  const [existing] = await m.query('SELECT id FROM inbox WHERE tenant_id = $1 AND channel = $2 AND dedupe_key = $3',
    [row.tenantId, row.channel, row.dedupeKey]) as { id: string }[]
  if (!existing) throw new Error('inbox row vanished between insert and select')
  return { id: String(existing.id), inserted: false }
}

export async function findInboxById(m: EntityManager, tenantId: string, id: string): Promise<Inbox | null> {
  return m.findOneBy(Inbox, { tenantId, id })
}

/**
 * Rows nobody has processed that arrived, and were last attempted, before `before`: what a lost enqueue
 * left behind. A row whose handler is running right now was just touched, so it is not handed out twice.
 */
export async function findUnprocessedInbox(m: EntityManager, before: Date, limit: number): Promise<Pick<Inbox, 'id' | 'tenantId'>[]> {
  return m.createQueryBuilder(Inbox, 'i').select(['i.id', 'i.tenantId'])
    .where('i.processed_at IS NULL AND i.received_at < :before AND i.updated_at < :before', { before })
    .orderBy('i.received_at').limit(limit).getMany()
}

export async function markInboxProcessed(m: EntityManager, tenantId: string, id: string, at: Date, errorCode: string | null = null) {
  await m.update(Inbox, { tenantId, id }, { processedAt: at, errorCode })
}

/** Counted at the start of each attempt; updated_at doubles as "last attempted", which the sweep reads. */
export async function countInboxAttempt(m: EntityManager, tenantId: string, id: string) {
  await m.query('UPDATE inbox SET attempts = attempts + 1, updated_at = now() WHERE tenant_id = $1 AND id = $2', [tenantId, id])
}
