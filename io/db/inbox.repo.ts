import type { EntityManager } from 'typeorm'
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js'
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
  const res = await m.createQueryBuilder().insert().into(Inbox).values(row as QueryDeepPartialEntity<Inbox>)
    .orIgnore().returning(['id']).execute()
  const id = (res.raw as { id: string }[])[0]?.id
  if (id) return { id: String(id), inserted: true }
  const existing = await m.findOneByOrFail(Inbox, { tenantId: row.tenantId, channel: row.channel, dedupeKey: row.dedupeKey })
  return { id: String(existing.id), inserted: false }
}

export async function findInboxById(m: EntityManager, tenantId: string, id: string): Promise<Inbox | null> {
  return m.findOneBy(Inbox, { tenantId, id })
}

/** Rows nobody has processed that arrived before `before`: what a lost enqueue left behind. */
export async function findUnprocessedInbox(m: EntityManager, before: Date, limit: number): Promise<Pick<Inbox, 'id' | 'tenantId'>[]> {
  return m.createQueryBuilder(Inbox, 'i').select(['i.id', 'i.tenantId'])
    .where('i.processed_at IS NULL AND i.received_at < :before', { before })
    .orderBy('i.received_at').limit(limit).getMany()
}

export async function markInboxProcessed(m: EntityManager, tenantId: string, id: string, at: Date, errorCode: string | null = null) {
  await m.update(Inbox, { tenantId, id }, { processedAt: at, errorCode })
}

export async function countInboxAttempt(m: EntityManager, tenantId: string, id: string) {
  await m.increment(Inbox, { tenantId, id }, 'attempts', 1)
}
