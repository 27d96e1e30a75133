import type { ChannelEvent } from '../../../io/channels/channel.js'
import type { ChannelRegistry } from '../../../io/channels/registry.js'
import type { ProcessConfig } from '../../../io/config/process-config.js'
import type { Member } from '../../../io/db/entities/member.entity.js'
import { findMemberByPlatformId } from '../../../io/db/member.repo.js'
import { upsertMemberFromChannel } from '../../../io/db/org.repo.js'
import type { JobContext } from '../../job-context.js'

export type InboxDeps = { channels: ChannelRegistry; config: ProcessConfig }

/** The member who sent an event; fetched from the platform directory the first time we hear from them. */
export async function senderOf(ev: ChannelEvent, tenantId: string, d: InboxDeps, ctx: JobContext): Promise<Member> {
  const known = await findMemberByPlatformId(ctx.rt.db.manager, tenantId, ev.from)
  if (known) return known
  const client = await d.channels.forTenant(tenantId)
  return upsertMemberFromChannel(ctx.rt.db.manager, tenantId, await client.getMember(ev.from))
}
