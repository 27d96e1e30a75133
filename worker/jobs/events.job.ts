import { countInboxAttempt, findInboxById, markInboxProcessed } from '../../io/db/inbox.repo.js'
import type { Inbox } from '../../io/db/entities/inbox.entity.js'
import { inboxJob } from '../../io/queue/enqueue-inbox.js'
import type { JobContext, JobHandler } from '../job-context.js'

/** What turns one kind of platform event into domain actions. Unknown kinds are acknowledged and ignored. */
export type InboxHandler = (row: Inbox, ctx: JobContext) => Promise<void>

export function handleEventsJob(handlers: Record<string, InboxHandler>): JobHandler<'events'> {
  return async (p, ctx) => {
    // A callback burst's rows: one job each, with the ids the sweep uses, so neither duplicates the other.
    if ('rows' in p) return void (await ctx.rt.queues.queue('events').addBulk(p.rows.map((r) => inboxJob(r.tenantId, r.inboxId))))
    const row = await findInboxById(ctx.rt.db.manager, p.tenantId, p.inboxId)
    if (!row || row.processedAt) return // already handled: a duplicate job or a sweep re-enqueue
    await countInboxAttempt(ctx.rt.db.manager, p.tenantId, p.inboxId)
    const handler = handlers[row.eventType]
    if (handler) await handler(row, ctx)
    else ctx.log.info({ eventType: row.eventType, inboxId: row.id }, 'event stored and ignored')
    await markInboxProcessed(ctx.rt.db.manager, p.tenantId, p.inboxId, ctx.now(), handler ? null : 'IGNORED')
  }
}
