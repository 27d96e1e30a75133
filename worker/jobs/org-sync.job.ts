import type { ChannelRegistry } from '../../io/channels/registry.js'
import { Tenant } from '../../io/db/entities/tenant.entity.js'
import { syncDirectory } from '../../io/db/org-sync.js'
import type { JobHandler } from '../job-context.js'

/**
 * The directory read nightly and after every 通讯录 change event, so reminders escalate to the manager a
 * member has today, on whichever platform the tenant is. Callbacks alone are not trusted: platforms drop
 * some (PLATFORMS §1.5, §6.1, §8.13).
 */
export function handleOrgSyncJob(channels: ChannelRegistry): JobHandler<'org-sync'> {
  return async (p, ctx) => {
    const tenants = p.tenantId ? [{ id: p.tenantId }] : await ctx.rt.db.manager.find(Tenant, { select: { id: true } })
    let failed: unknown = null
    for (const t of tenants) {
      const channel = await channels.forTenant(t.id).catch(() => null)
      if (!channel) continue // a tenant without credentials has no directory to read
      try {
        const r = await syncDirectory(ctx.rt.db, t.id, channel)
        ctx.log.info({ tenantId: t.id, ...r }, 'directory synced')
      } catch (err) {
        // one platform refusing must not keep the other tenants' org trees stale; the job fails (and retries) after
        ctx.log.warn({ tenantId: t.id, err: (err as Error).message }, 'directory sync failed')
        failed ??= err
      }
    }
    if (failed) throw failed
  }
}
