import type { Card } from '../../../io/channels/channel.js'
import type { Inbox } from '../../../io/db/entities/inbox.entity.js'
import type { Member } from '../../../io/db/entities/member.entity.js'
import { Opportunity } from '../../../io/db/entities/opportunity.entity.js'
import { writeOutbox } from '../../../io/db/outbox.repo.js'
import { insertQuote } from '../../../io/db/quote.repo.js'
import { enqueueOutbox } from '../../../io/queue/enqueue-outbox.js'
import { enqueueOcr } from '../../../io/queue/enqueue-ocr.js'
import type { JobContext } from '../../job-context.js'

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
export const QUOTE_KEY = new RegExp(`^quote_(${UUID})_(${UUID})$`)

/**
 * An image sent to the app may be a quote: ask, with one button per recent open opportunity of the sender
 * (for which customer?). Tapping one archives it as that opportunity's quote and starts OCR.
 */
export async function offerQuoteCard(row: Inbox, member: Member, attachmentId: string, ctx: JobContext): Promise<void> {
  const opps: { id: string; name: string }[] = await ctx.rt.db.query(
    `SELECT o.id, c.name FROM opportunity o JOIN customer c ON c.id = o.customer_id
     WHERE o.tenant_id = $1 AND o.owner_id = $2 AND o.status = 'open' ORDER BY o.updated_at DESC LIMIT 3`, [row.tenantId, member.id])
  if (opps.length === 0) return
  const card: Card = {
    title: member.lang === 'en' ? 'Archive this image as a quote?' : '把这张图片归档为报价单？',
    description: member.lang === 'en' ? 'Choose the customer; the amount, models and validity are read for you to confirm.'
      : '选择客户后自动识别金额、型号和有效期，识别后请在侧边栏确认。',
    taskId: `img_${row.id}`,
    buttons: opps.map((o) => ({ key: `quote_${attachmentId}_${o.id}`, text: o.name.slice(0, 10), style: 'primary' as const })),
  }
  const now = ctx.now()
  const out = await writeOutbox(ctx.rt.db.manager, { tenantId: row.tenantId, idempotencyKey: `imgcard_${row.id}`, channel: row.channel,
    recipientId: member.id, kind: 'quote_offer', payload: { kind: 'card', card }, notBefore: now })
  if (out.inserted) await enqueueOutbox(ctx.rt.queues, [{ id: out.id, tenantId: row.tenantId, notBefore: now }], now)
}

/** The rep chose a customer: the image becomes that opportunity's quote (once per image and opportunity) and OCR runs. */
export async function archiveQuoteFromCard(row: Inbox, member: Member, attachmentId: string, opportunityId: string, ctx: JobContext): Promise<boolean> {
  const opp = await ctx.rt.db.manager.findOneBy(Opportunity, { tenantId: row.tenantId, id: opportunityId })
  if (!opp || opp.ownerId !== member.id) return false // buttons are only offered on the member's own opportunities
  const { quote } = await insertQuote(ctx.rt.db.manager, { tenantId: row.tenantId, opportunityId, attachmentId, createdBy: member.id,
    clientId: `card_${attachmentId.slice(0, 8)}_${opportunityId}` })
  if (quote.status === 'queued') {
    await enqueueOcr(ctx.rt.queues, { tenantId: row.tenantId, attachmentId, quoteId: quote.id })
  }
  return true
}
