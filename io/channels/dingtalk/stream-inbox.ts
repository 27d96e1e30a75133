import type { Logger } from '../../log.js'
import type { DataSource } from 'typeorm'
import { insertInbox } from '../../db/inbox.repo.js'
import { enqueueInbox } from '../../queue/enqueue-inbox.js'
import type { QueueKit } from '../../queue/queue-kit.js'
import type { StreamSink } from './stream.js'

/** The Stream twin of the HTTP route's store step: the same inbox row (same dedupe key) and the same job. */
export function inboxSink(o: { db: DataSource; queues: QueueKit; tenantId: string; log: Logger }): StreamSink {
  return async (event, raw) => {
    const row = await insertInbox(o.db.manager, {
      tenantId: o.tenantId, channel: 'dingtalk', dedupeKey: event.dedupeKey, eventType: event.kind,
      payload: event as unknown as Record<string, unknown>, raw, receivedAt: new Date(),
    })
    if (row.inserted) await enqueueInbox(o.queues, o.tenantId, row.id, o)
  }
}
