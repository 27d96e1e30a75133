import type { QueueKit } from './queue-kit.js'
import { jobId } from './queues.js'

export type OcrRequest = { tenantId: string; attachmentId: string; quoteId: string }

/**
 * Queues the OCR read of a quote: one job per quote (a repeat add is a no-op), three attempts with backoff.
 * Used by the sidebar upload, the chat image card and the sweep, so all three retry the same way.
 */
export async function enqueueOcr(queues: QueueKit, r: OcrRequest): Promise<void> {
  await queues.add('ocr-quote', r, { jobId: jobId('ocr-quote', r.quoteId), attempts: 3, backoff: { type: 'exponential', delay: 2000 } })
}
