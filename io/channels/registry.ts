import type { Redis } from 'ioredis'
import type { DataSource } from 'typeorm'
import type { Settings } from '../../config/settings.js'
import { AppError } from '../app-error.js'
import { findTenantById } from '../db/tenant.repo.js'
import { createMemorySendLimiter, createMemoryTokenCache } from './wecom/memory-stores.js'
import { createSendLimiter, type SendLimiter } from './wecom/rate-limit.js'
import { createWecomClient, type WecomClient } from './wecom/client.js'
import { createDingtalkClient, type DingtalkClient } from './dingtalk/client.js'
import type { Channel } from './channel.js'

/**
 * One API client per tenant, built from the tenant's stored credentials and cached for the process.
 * The per-recipient send limiter lives beside it: both share the process's Redis connection.
 */
export function createChannelRegistry(o: { db: DataSource; redis?: Redis; settings: Settings; prefix: string }) {
  const clients = new Map<string, Promise<WecomClient>>()
  // Without Redis (the one-process demo) tokens and send slots are kept in memory instead.
  const limiter: SendLimiter = o.redis ? createSendLimiter({ redis: o.redis, prefix: `${o.prefix}:` }) : createMemorySendLimiter()
  const tokenCache = o.redis ? undefined : createMemoryTokenCache()
  async function build(tenantId: string): Promise<WecomClient> {
    const t = await findTenantById(o.db.manager, tenantId)
    const secret = t?.credentials.secret
    if (!t || t.channel !== 'wecom' || !t.corpId || !secret || !t.agentId) throw new AppError('TENANT_UNKNOWN', { tenant: tenantId })
    const baseUrl = typeof t.settings.apiBase === 'string' ? t.settings.apiBase : o.settings.WECOM_API_BASE
    return createWecomClient({ corpId: t.corpId, secret, agentId: t.agentId, ...(o.redis ? { redis: o.redis } : { cache: tokenCache }), keyPrefix: `${o.prefix}:`, baseUrl,
      trustedDomains: o.settings.WECOM_TRUSTED_DOMAIN ? [o.settings.WECOM_TRUSTED_DOMAIN] : [] })
  }
  function wecom(tenantId: string): Promise<WecomClient> {
    let c = clients.get(tenantId)
    if (!c) {
      c = build(tenantId)
      c.catch(() => clients.delete(tenantId)) // a missing tenant may be configured later
      clients.set(tenantId, c)
    }
    return c
  }
  const kinds = new Map<string, string>()
  const dingClients = new Map<string, Promise<DingtalkClient>>()
  async function buildDingtalk(tenantId: string): Promise<DingtalkClient> {
    const t = await findTenantById(o.db.manager, tenantId)
    const { appKey, appSecret } = t?.credentials ?? {}
    if (!t || t.channel !== 'dingtalk' || !appKey || !appSecret || !t.agentId) throw new AppError('TENANT_UNKNOWN', { tenant: tenantId })
    const baseUrl = typeof t.settings.apiBase === 'string' ? t.settings.apiBase : o.settings.DINGTALK_API_BASE
    // Card buttons open signed links to this bot (bot/routes/dingtalk-card.route.ts); they need the public URL.
    const cardLinks = o.settings.PUBLIC_URL ? { cardLinks: { baseUrl: o.settings.PUBLIC_URL, secret: o.settings.SESSION_SECRET, tenantId } } : {}
    // dd.config is signed only for pages on the bot's own public host (the micro-app's home page).
    const trustedDomains = o.settings.PUBLIC_URL ? [new URL(o.settings.PUBLIC_URL).host] : []
    return createDingtalkClient({ appKey, appSecret, agentId: t.agentId, ...(o.redis ? { redis: o.redis } : { cache: tokenCache }), keyPrefix: `${o.prefix}:`, baseUrl,
      ...cardLinks, trustedDomains })
  }
  const dingtalk = (tenantId: string): Promise<DingtalkClient> => {
    let c = dingClients.get(tenantId)
    if (!c) {
      c = buildDingtalk(tenantId)
      c.catch(() => dingClients.delete(tenantId))
      dingClients.set(tenantId, c)
    }
    return c
  }
  return {
    limiter,
    dingtalk,
    /** The tenant's channel, whichever platform it is on: what worker code should use. */
    async forTenant(tenantId: string): Promise<Channel> {
      let kind = kinds.get(tenantId)
      if (!kind) {
        const t = await findTenantById(o.db.manager, tenantId)
        if (!t) throw new AppError('TENANT_UNKNOWN', { tenant: tenantId })
        kinds.set(tenantId, (kind = t.channel))
      }
      return kind === 'dingtalk' ? dingtalk(tenantId) : wecom(tenantId)
    },
    wecom,
  }
}

export type ChannelRegistry = ReturnType<typeof createChannelRegistry>
