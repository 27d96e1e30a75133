import { enqueueOcr } from '../../io/queue/enqueue-ocr.js'
import { jobId } from '../../io/queue/queues.js'
import type { JobContext } from '../job-context.js'
import { failQuoteAndTell } from './quote-failed.js'

/** A quote still waiting for OCR this long after its last change has lost its job, or the job gave up. */
export const QUOTE_GRACE_MS = 2 * 60_000
const BATCH = 200

type StuckQuote = { id: string; tenantId: string; attachmentId: string; createdBy: string }

/**
 * No quote waits for OCR forever: one whose job Redis lost (a flush, a failed enqueue) is queued again under
 * the same job id; one whose job failed for good (e.g. a worker killed mid-read more often than BullMQ
 * tolerates) ends as `failed`, and the rep is told to upload it again or type the fields.
 */
export async function sweepQuotes(ctx: JobContext): Promise<{ requeued: number; failed: number }> {
  const before = new Date(ctx.now().getTime() - QUOTE_GRACE_MS)
  const stuck = await ctx.rt.db.query(
    `SELECT id, tenant_id AS "tenantId", attachment_id AS "attachmentId", created_by AS "createdBy" FROM quote
     WHERE status IN ('queued', 'processing') AND updated_at < $1 ORDER BY updated_at LIMIT $2`, [before, BATCH]) as StuckQuote[]
  let requeued = 0
  let failed = 0
  const queue = ctx.rt.queues.queue('ocr-quote')
  for (const q of stuck) {
    const id = jobId('ocr-quote', q.id)
    const job = await queue.getJob(id)
    const state = job ? await job.getState() : 'missing'
    if (state === 'missing' || state === 'unknown') {
      await enqueueOcr(ctx.rt.queues, { tenantId: q.tenantId, attachmentId: q.attachmentId, quoteId: q.id })
      requeued++
    } else if (state === 'failed') {
      await failQuoteAndTell(ctx, q, 'QUOTE_OCR_FAILED')
      failed++
    }
  }
  return { requeued, failed }
}
