import type { ChannelEvent } from '../../../io/channels/channel.js'
import { appendAudit } from '../../../io/db/audit.repo.js'
import { NodeRun } from '../../../io/db/entities/node-run.entity.js'
import type { Inbox } from '../../../io/db/entities/inbox.entity.js'
import { snoozeNodeRun } from '../../../io/db/node-run.repo.js'
import { writeOutbox } from '../../../io/db/outbox.repo.js'
import { enqueueReminders } from '../../../io/effects.js'
import { enqueueOutbox } from '../../../io/queue/enqueue-outbox.js'
import type { JobContext } from '../../job-context.js'
import { senderOf, type InboxDeps } from './inbox-context.js'
import { archiveQuoteFromCard, QUOTE_KEY } from './quote-card.js'
import { recordActivityOnce } from '../../../io/db/activity.repo.js'

type Click = Extract<ChannelEvent, { kind: 'card_click' }>
const ONE_WORKING_DAY = { days: 1, minutes: 0 }
const KEY = /^(followed|snooze|view)_([0-9a-f-]{36})$/

/**
 * Buttons on reminder cards: 已跟进 records a follow-up, 延期1天 moves the next reminder by one working day
 * (audited), 查看记录 answers with the run's last records. Each click is acted on once (the inbox dedupes the
 * callback; on DingTalk the signed button link) and, on WeCom, the card's buttons are replaced so the member sees it
 * took (DingTalk's link page shows it instead).
 */
export function handleCardClick(d: InboxDeps) {
  return async (row: Inbox, ctx: JobContext) => {
    const ev = row.payload as unknown as Click
    const quote = QUOTE_KEY.exec(ev.eventKey)
    if (quote) return archiveFromCard(row, ev, quote[1]!, quote[2]!, d, ctx)
    const m = KEY.exec(ev.eventKey)
    if (!m) return // a card of another kind: stored and ignored
    const [, action, nodeRunId] = m as unknown as [string, 'followed' | 'snooze' | 'view', string]
    const member = await senderOf(ev, row.tenantId, d, ctx)
    const run = await ctx.rt.db.manager.findOneBy(NodeRun, { tenantId: row.tenantId, id: nodeRunId })
    if (!run) return
    const now = ctx.now()
    let label: string
    if (action === 'followed') {
      await ctx.rt.db.transaction(async (tx) => {
        await recordActivityOnce(tx, { tenantId: row.tenantId, opportunityId: run.opportunityId, memberId: member.id, kind: 'follow_up',
          summary: '已跟进（提醒卡片）', data: { nodeRunId }, occurredAt: now, receivedAt: row.receivedAt, clientId: `inbox_${row.id}` })
        await appendAudit(tx, { tenantId: row.tenantId, at: now, actor: `member:${member.platformUserId}`, entity: 'node_run',
          entityId: nodeRunId, action: 'followed_up', data: {} })
      })
      label = member.lang === 'en' ? 'Followed up' : '已跟进'
    } else if (action === 'snooze') {
      const next = await ctx.rt.db.transaction((tx) => snoozeNodeRun(tx, row.tenantId, nodeRunId, ONE_WORKING_DAY,
        `member:${member.platformUserId}`, d.config.calendar, now))
      if (next) await enqueueReminders(ctx.rt.queues, [next], now)
      label = member.lang === 'en' ? 'Snoozed 1 working day' : '已延期1天'
    } else {
      await replyWithRecords(row, run, member.id, ctx)
      return
    }
    await showClicked(row, ev, member.platformUserId, label, d)
  }
}

/** Where the platform lets us (WeCom's single-use response code) the card's buttons become the result label. */
async function showClicked(row: Inbox, ev: Click, userId: string, label: string, d: InboxDeps) {
  if (!ev.responseCode) return
  const channel = await d.channels.forTenant(row.tenantId)
  await channel.updateCardButtons?.([userId], ev.responseCode, label)
}

async function replyWithRecords(row: Inbox, run: NodeRun, memberId: string, ctx: JobContext) {
  const records: { occurred_at: Date; summary: string }[] = await ctx.rt.db.query(
    `SELECT occurred_at, summary FROM activity WHERE tenant_id = $1 AND opportunity_id = $2 AND summary <> ''
     ORDER BY occurred_at DESC LIMIT 5`, [row.tenantId, run.opportunityId])
  const lines = records.map((r) => `> ${r.occurred_at.toISOString().slice(5, 10)} ${r.summary}`)
  const markdown = ['**最近记录 · Recent records**', ...(lines.length ? lines : ['> （暂无记录 · none yet）'])].join('\n')
  const now = ctx.now()
  const out = await writeOutbox(ctx.rt.db.manager, { tenantId: row.tenantId, idempotencyKey: `reply_${row.id}`, channel: row.channel,
    recipientId: memberId, kind: 'reply', payload: { kind: 'markdown', markdown }, notBefore: now })
  if (out.inserted) await enqueueOutbox(ctx.rt.queues, [{ id: out.id, tenantId: row.tenantId, notBefore: now }], now)
}

async function archiveFromCard(row: Inbox, ev: Click, attachmentId: string, opportunityId: string, d: InboxDeps, ctx: JobContext) {
  const member = await senderOf(ev, row.tenantId, d, ctx)
  if (!(await archiveQuoteFromCard(row, member, attachmentId, opportunityId, ctx))) return
  await showClicked(row, ev, member.platformUserId, member.lang === 'en' ? 'Reading…' : '已提交识别', d)
}

