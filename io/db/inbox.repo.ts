import type { EntityManager } from 'typeorm'
import { Inbox } from './entities/inbox.entity.js'
import { storeInboxBatch, type InboxInsert, type KeyRow, type NewInboxRow } from './inbox-batch-sql.js'
import { inboxBatcherOf } from './inbox-batcher.js'

export type { NewInboxRow } from './inbox-batch-sql.js'

/**
 * Store a platform message once. Returns the row id and whether this call inserted it: a platform
 * retry of the same message finds the unique key taken and changes nothing. Outside a transaction, callers
 * of the same tick share one multi-row INSERT (see inbox-batcher.ts); each resolves only once its row is committed.
 */
export async function insertInbox(m: EntityManager, row: NewInboxRow): Promise<InboxInsert> {
  if (!m.queryRunner) return inboxBatcherOf(m.connection)(row)
  const [result] = (await storeInboxBatch((st, params) => m.query(st.text, params) as Promise<KeyRow[]>, [row])).values()
  if (!result) throw new Error('inbox row vanished between insert and select')
  return result
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
