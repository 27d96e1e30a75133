import type { ChannelEvent } from '../../../io/channels/channel.js'
import type { Inbox } from '../../../io/db/entities/inbox.entity.js'
import { jobId } from '../../../io/queue/queues.js'
import type { JobContext } from '../../job-context.js'

/** 通讯录 change_contact (a member joined, left, moved or got a new leader): re-read the directory. Other unknown events are ignored. */
export async function handleDirectoryChange(row: Inbox, ctx: JobContext): Promise<void> {
  const ev = row.payload as unknown as Extract<ChannelEvent, { kind: 'unknown' }>
  if (ev.event !== 'change_contact') return
  await ctx.rt.queues.add('org-sync', { tenantId: row.tenantId }, { jobId: jobId('org-sync', row.tenantId, row.id), attempts: 5,
    backoff: { type: 'exponential', delay: 5000 } })
}
