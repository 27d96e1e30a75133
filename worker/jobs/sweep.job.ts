import { findUnprocessedInbox } from '../../io/db/inbox.repo.js'
import { findDueOutbox } from '../../io/db/outbox.repo.js'
import { enqueueOutbox } from '../../io/queue/enqueue-outbox.js'
import type { JobContext, JobHandler } from '../job-context.js'
import { inboxJob } from '../../io/queue/enqueue-inbox.js'
import { sweepQuotes } from './sweep-quotes.js'
import { sweepReminders } from './sweep-reminders.js'

/** How old an unprocessed inbox row must be before the sweep assumes its enqueue was lost. */
export const INBOX_GRACE_MS = 15_000
const BATCH = 500

/**
 * The safety net under Redis: whatever the database says is pending but the queue may have lost
 * (a failed enqueue, a flushed Redis) is enqueued again. Job ids are deterministic, so a job that
 * is still waiting is not duplicated, and every handler re-checks state anyway.
 */
export const handleSweepJob: JobHandler<'sweep'> = async (_p, ctx) => {
  const before = new Date(ctx.now().getTime() - INBOX_GRACE_MS)
  const rows = await findUnprocessedInbox(ctx.rt.db.manager, before, BATCH)
  await sweepInbox(rows, ctx)
  const outbox = await findDueOutbox(ctx.rt.db.manager, before, BATCH)
  await enqueueOutbox(ctx.rt.queues, outbox, ctx.now())
  const reminders = await sweepReminders(ctx.rt.db.manager, ctx.rt.queues, ctx.now())
  const quotes = await sweepQuotes(ctx)
  if (rows.length || outbox.length || reminders || quotes.requeued || quotes.failed) {
    ctx.log.info({ inbox: rows.length, outbox: outbox.length, reminders, quotes }, 'sweep re-enqueued')
  }
}

async function sweepInbox(rows: Awaited<ReturnType<typeof findUnprocessedInbox>>, ctx: JobContext) {
  if (rows.length === 0) return
  const withAttempts = await ctx.rt.db.query(
    'SELECT id, attempts FROM inbox WHERE id = ANY($1::bigint[])', [rows.map((r) => r.id)],
  ) as { id: string; attempts: number }[]
  const attemptsById = new Map(withAttempts.map((r) => [String(r.id), r.attempts]))
  await ctx.rt.queues.queue('events').addBulk(rows.map((r) => inboxJob(r.tenantId, String(r.id), attemptsById.get(String(r.id)) ?? 0)))
}
