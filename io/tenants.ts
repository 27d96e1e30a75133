import type { DataSource } from 'typeorm'
import type { Settings } from '../config/settings.js'
import type { Keyring } from './channels/crypto.js'
import { wecomKeyring } from './channels/wecom/codec.js'
import type { Tenant } from './db/entities/tenant.entity.js'
import { findTenantBySlug, upsertTenant } from './db/tenant.repo.js'

/** The tenant configured from WECOM_* variables is stored under this slug and served at /wecom/callback. */
export const ENV_TENANT_SLUG = 'default'
const CACHE_MS = 60_000

export type WecomTenant = { tenantId: string; slug: string; ring: Keyring; corpId: string }

/**
 * Finds a tenant's WeCom keys by slug, with a short in-memory cache so a callback costs no query.
 * Credentials never leave the server: this is the only reader of `tenant.credentials` for callbacks.
 */
export function createTenantDirectory(db: DataSource) {
  const cache = new Map<string, { at: number; value: WecomTenant | null }>()
  return {
    async wecom(slug: string, now = Date.now()): Promise<WecomTenant | null> {
      const hit = cache.get(slug)
      if (hit && now - hit.at < CACHE_MS) return hit.value
      const value = toWecomTenant(await findTenantBySlug(db.manager, slug))
      cache.set(slug, { at: now, value })
      return value
    },
    forget(slug: string) {
      cache.delete(slug)
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
