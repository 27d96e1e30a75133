import type { DataSource } from 'typeorm'
import type { Settings } from '../config/settings.js'
import type { Keyring } from './channels/crypto.js'
import { wecomKeyring } from './channels/wecom/codec.js'
import { dingtalkKeyring } from './channels/dingtalk/codec.js'
import type { Tenant } from './db/entities/tenant.entity.js'
import { findTenantBySlug, upsertTenant } from './db/tenant.repo.js'

/** The tenant configured from WECOM_* variables is stored under this slug and served at /wecom/callback. */
export const ENV_TENANT_SLUG = 'default'
/** The tenant configured from DINGTALK_* variables, served at /dingtalk/callback. */
export const ENV_DINGTALK_SLUG = 'dingtalk'
const CACHE_MS = 60_000

export type WecomTenant = { tenantId: string; slug: string; ring: Keyring; corpId: string }
/** `ring.receiveId` is the appKey: an internal app's pushes are encrypted for it (PLATFORMS §6.1). */
export type DingtalkTenant = { tenantId: string; slug: string; ring: Keyring; appKey: string; appSecret: string }

/**
 * Finds a tenant's WeCom keys by slug, with a short in-memory cache so a callback costs no query.
 * Credentials never leave the server: this is the only reader of `tenant.credentials` for callbacks.
 */
export function createTenantDirectory(db: DataSource) {
  const cache = new Map<string, { at: number; value: WecomTenant | null }>()
  const dingCache = new Map<string, { at: number; value: DingtalkTenant | null }>()
  return {
    async wecom(slug: string, now = Date.now()): Promise<WecomTenant | null> {
      const hit = cache.get(slug)
      if (hit && now - hit.at < CACHE_MS) return hit.value
      const value = toWecomTenant(await findTenantBySlug(db.manager, slug))
      cache.set(slug, { at: now, value })
      return value
    },
    async dingtalk(slug: string, now = Date.now()): Promise<DingtalkTenant | null> {
      const hit = dingCache.get(slug)
      if (hit && now - hit.at < CACHE_MS) return hit.value
      const value = toDingtalkTenant(await findTenantBySlug(db.manager, slug))
      dingCache.set(slug, { at: now, value })
      return value
    },
    forget(slug: string) {
      cache.delete(slug)
      dingCache.delete(slug)
    },
  }
}
export type TenantDirectory = ReturnType<typeof createTenantDirectory>

function toWecomTenant(t: Tenant | null): WecomTenant | null {
  const { token, aesKey } = t?.credentials ?? {}
  if (!t || t.channel !== 'wecom' || !t.corpId || !token || !aesKey) return null
  const ring = wecomKeyring({ token, encodingAesKey: aesKey, corpId: t.corpId })
  return ring.ok ? { tenantId: t.id, slug: t.slug, ring: ring.value, corpId: t.corpId } : null
}

/** Keep the environment's WeCom tenant in the database, so it is served like every other tenant. */
export async function syncEnvTenant(db: DataSource, s: Settings): Promise<Tenant | null> {
  if (!s.WECOM_ENABLED || !s.WECOM_CORP_ID || !s.WECOM_TOKEN || !s.WECOM_AES_KEY || !s.WECOM_SECRET) return null
  return upsertTenant(db.manager, {
    slug: ENV_TENANT_SLUG, name: s.WECOM_CORP_ID, channel: 'wecom', corpId: s.WECOM_CORP_ID, agentId: s.WECOM_AGENT_ID ?? null,
    credentials: { token: s.WECOM_TOKEN, aesKey: s.WECOM_AES_KEY, secret: s.WECOM_SECRET },
  })
}

function toDingtalkTenant(t: Tenant | null): DingtalkTenant | null {
  const { token, aesKey, appKey, appSecret } = t?.credentials ?? {}
  if (!t || t.channel !== 'dingtalk' || !token || !aesKey || !appKey || !appSecret) return null
  const ring = dingtalkKeyring({ token, encodingAesKey: aesKey, receiveId: appKey })
  return ring.ok ? { tenantId: t.id, slug: t.slug, ring: ring.value, appKey, appSecret } : null
}

/** Keep the environment's DingTalk tenant (DINGTALK_*) in the database beside the WeCom one. */
export async function syncEnvDingtalkTenant(db: DataSource, s: Settings): Promise<Tenant | null> {
  const { DINGTALK_APP_KEY: appKey, DINGTALK_APP_SECRET: appSecret, DINGTALK_TOKEN: token, DINGTALK_AES_KEY: aesKey } = s
  if (!appKey || !appSecret || !token || !aesKey) return null
  return upsertTenant(db.manager, {
    slug: ENV_DINGTALK_SLUG, name: appKey, channel: 'dingtalk', corpId: null, agentId: s.DINGTALK_AGENT_ID ?? null,
    credentials: { token, aesKey, appKey, appSecret },
  })
}
