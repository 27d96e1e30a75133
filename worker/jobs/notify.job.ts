import { UnrecoverableError } from 'bullmq'
import { isTransient } from '../../io/app-error.js'
import type { ChannelRegistry } from '../../io/channels/registry.js'
import { failOutbox, findOutboxLease, releaseOutbox, type ClaimedOutbox } from '../../io/db/outbox.repo.js'
import { isOutboundPayload } from '../../io/messages.js'
import { notifyJobId } from '../../io/queue/enqueue-outbox.js'
import type { JobContext, JobHandler } from '../job-context.js'
import { outboxBatches } from './outbox-batches.js'

/** Longer than any send takes; a worker killed mid-send frees the row when it expires. */
export const SEND_LEASE_MS = 60_000
/**
 * On a resend (the row was claimed before: a worker died mid-send, or the send failed transiently) WeCom is
 * asked to drop it if the identical message already reached the member within this window, so a crash after
 * the platform accepted the first send still shows the member one message. First sends skip the check: a
 * member who asks 帮助 twice gets two answers.
 */
const DUPLICATE_CHECK_SECONDS = 4 * 3600

/**
 * Deliver one outbox row: claim it (only one worker can), take a send slot for the recipient (or come back
 * when one frees up — never drop), send, mark sent. Transient failures are retried by BullMQ with backoff;
 * permanent ones mark the row failed with a reason and stop.
 */
export function handleNotifyJob(channels: ChannelRegistry): JobHandler<'notify'> {
  const batches = outboxBatches()
  return async (p, ctx) => {
    const row = await batches.claim(p.tenantId, p.outboxId, ctx, SEND_LEASE_MS)
    if (!row) return checkBackWhenLeaseEnds(p.tenantId, p.outboxId, ctx) // sent already, held by another worker, or not yet due
    if (!row.platformUserId || !isOutboundPayload(row.payload)) {
      await failOutbox(ctx.rt.db.manager, p.tenantId, row.id, 'BAD_REQUEST', row.platformUserId ? 'unknown payload kind' : 'recipient not found')
      throw new UnrecoverableError('BAD_REQUEST')
    }
    const now = ctx.now()
    const wait = await channels.limiter.reserve([row.platformUserId], now.getTime())
    if (wait > 0) return postpone(row, new Date(now.getTime() + wait), ctx)
    try {
      const receipt = await send(channels, row, row.platformUserId)
      await batches.markSent(p.tenantId, row.id, ctx, receipt.msgid)
    } catch (err) {
      const code = (err as { code?: string }).code ?? 'INTERNAL'
      if (isTransient(err)) {
        await releaseOutbox(ctx.rt.db.manager, p.tenantId, row.id, ctx.now(), code)
        throw err
      }
      await failOutbox(ctx.rt.db.manager, p.tenantId, row.id, code, (err as Error).message)
      throw new UnrecoverableError(code)
    }
  }
}

async function send(channels: ChannelRegistry, row: ClaimedOutbox, userId: string) {
  const client = await channels.forTenant(row.tenantId)
  const opts = row.attempts > 1 ? { duplicateCheckSeconds: DUPLICATE_CHECK_SECONDS } : {}
  const stored = row.payload as unknown as import('../../io/messages.js').OutboundPayload
  const payload = client.name === 'dingtalk' ? stampForDingtalk(stored, row.id) : stored
  switch (payload.kind) {
    case 'text': return client.sendText([userId], payload.text, opts)
    case 'markdown': return client.sendMarkdown([userId], payload.markdown, opts)
    case 'card': return client.sendCard([userId], payload.card, opts)
  }
}

/**
 * DingTalk delivers identical content from one app to a user once a day and drops the rest while reporting
 * success (PLATFORMS §6.4): a short stamp from the outbox row makes every row's text unique (a second 帮助 or
 * a repeated reminder still arrives), while a resend of the same row stays identical and collapses.
 */
function stampForDingtalk(p: import('../../io/messages.js').OutboundPayload, rowId: string): import('../../io/messages.js').OutboundPayload {
  const ref = rowId.replace(/-/g, '').slice(0, 8)
  switch (p.kind) {
    case 'text': return { kind: 'text', text: `${p.text}\n#${ref}` }
    case 'markdown': return { kind: 'markdown', markdown: `${p.markdown}\n\n###### #${ref}` }
    case 'card': return { kind: 'card', card: { ...p.card, description: `${p.card.description ?? ''}\n#${ref}`.trim() } }
  }
}

async function postpone(row: ClaimedOutbox, notBefore: Date, ctx: JobContext) {
  await releaseOutbox(ctx.rt.db.manager, row.tenantId, row.id, notBefore, 'RATE_LIMITED')
  await ctx.rt.queues.add('notify', { tenantId: row.tenantId, outboxId: row.id },
    { jobId: notifyJobId(row.id, notBefore, row.attempts), delay: notBefore.getTime() - ctx.now().getTime(), attempts: 8,
      backoff: { type: 'exponential', delay: 2000 } })
  ctx.log.info({ outboxId: row.id, notBefore }, 'recipient at the send limit; delayed')
}

/**
 * The row is `sending` under a live lease: another worker has it — or had it and died (BullMQ re-runs a
 * stalled job sooner than the lease ends). Come back when the lease ends; then it is either sent or ours.
 */
async function checkBackWhenLeaseEnds(tenantId: string, outboxId: string, ctx: JobContext): Promise<void> {
  const lease = await findOutboxLease(ctx.rt.db.manager, tenantId, outboxId)
  if (lease?.status !== 'sending' || !lease.leaseUntil) return
  const at = new Date(lease.leaseUntil.getTime() + 1000)
  await ctx.rt.queues.add('notify', { tenantId, outboxId }, { jobId: notifyJobId(outboxId, at, lease.attempts),
    delay: Math.max(0, at.getTime() - ctx.now().getTime()), attempts: 8, backoff: { type: 'exponential', delay: 2000 } })
}
