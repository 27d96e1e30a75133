import type { ChannelEvent } from '../../../io/channels/channel.js'
import type { Inbox } from '../../../io/db/entities/inbox.entity.js'
import { storeAttachment } from '../../../io/storage/attachments.js'
import type { JobContext } from '../../job-context.js'
import { offerQuoteCard } from './quote-card.js'
import { recordActivityOnce } from '../../../io/db/activity.repo.js'
import { senderOf, type InboxDeps } from './inbox-context.js'

/**
 * Messages and reports that become records: voice, location, the periodic LOCATION report, enter_agent,
 * approvals (WeCom sys_approval_change, DingTalk bpms_instance_change / bpms_task_change; kept in the approval
 * trail of the opportunity that names the SpNo / process instance) and
 * images (fetched at once — media_id lives 3 days — and stored by content hash).
 */
export function handleRecord(d: InboxDeps) {
  return async (row: Inbox, ctx: JobContext) => {
    const ev = row.payload as unknown as ChannelEvent
    const m = ctx.rt.db.manager
    const member = ev.from === 'sys' ? null : await senderOf(ev, row.tenantId, d, ctx)
    let data: Record<string, unknown> = { ...ev }
    let opportunityId: string | null = null
    if (ev.kind === 'image' || ev.kind === 'voice') {
      const media = await (await d.channels.forTenant(row.tenantId)).getMedia(ev.mediaId)
      const a = await storeAttachment(m, ctx.rt.settings.STORAGE_DIR, { tenantId: row.tenantId, data: media.data,
        mime: media.contentType, source: `${row.channel}_${ev.kind}` })
      data = { ...data, attachmentId: a.id, sha256: a.sha256 }
      if (ev.kind === 'image' && member) await offerQuoteCard(row, member, a.id, ctx)
    }
    if (ev.kind === 'approval') {
      const [opp] = await ctx.rt.db.query(`SELECT id FROM opportunity WHERE tenant_id = $1 AND fields->'approvals' ? $2 LIMIT 1`,
        [row.tenantId, ev.spNo]) as { id: string }[]
      opportunityId = opp?.id ?? null
    }
    await recordActivityOnce(m, { tenantId: row.tenantId, opportunityId, memberId: member?.id ?? null, kind: ev.kind,
      summary: summaryOf(ev), data, occurredAt: new Date(ev.sentAt), receivedAt: row.receivedAt, clientId: `inbox_${row.id}` })
  }
}

function summaryOf(ev: ChannelEvent): string {
  switch (ev.kind) {
    case 'location': return ev.label ?? `${ev.latitude},${ev.longitude}`
    case 'location_report': return `${ev.latitude},${ev.longitude}`
    case 'approval': return `审批 ${ev.spNo} 状态 ${ev.spStatus}`
    default: return ''
  }
}
