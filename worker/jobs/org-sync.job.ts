import type { ChannelRegistry } from '../../io/channels/registry.js'
import { Tenant } from '../../io/db/entities/tenant.entity.js'
import { syncDirectory } from '../../io/db/org-sync.js'
import type { JobHandler } from '../job-context.js'

/**
 * The directory read nightly and after every 通讯录 change event, so reminders escalate to the manager a
 * member has today. Callbacks alone are not trusted: WeCom drops some (PLATFORMS §1.5, §8.13).
 */
export function handleOrgSyncJob(channels: ChannelRegistry): JobHandler<'org-sync'> {
  return async (p, ctx) => {
    const tenants = p.tenantId ? [{ id: p.tenantId }] : await ctx.rt.db.manager.find(Tenant, { where: { channel: 'wecom' }, select: { id: true } })
    for (const t of tenants) {
      const client = await channels.wecom(t.id).catch(() => null)
      if (!client) continue // a tenant without credentials has no directory to read
      const r = await syncDirectory(ctx.rt.db, t.id, client)
      ctx.log.info({ tenantId: t.id, ...r }, 'directory synced')
    }
  }
}
