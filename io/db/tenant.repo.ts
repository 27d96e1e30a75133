import type { EntityManager } from 'typeorm'
import { Tenant, type ChannelName } from './entities/tenant.entity.js'

export type TenantSpec = {
  slug: string; name: string; channel: ChannelName; corpId: string | null; agentId: string | null
  credentials: Record<string, string>
}

/** Create or refresh a tenant by slug (the environment's single tenant is kept in sync at start). */
export async function upsertTenant(m: EntityManager, spec: TenantSpec): Promise<Tenant> {
  await m.createQueryBuilder().insert().into(Tenant).values(spec)
    .orUpdate(['name', 'channel', 'corp_id', 'agent_id', 'credentials', 'updated_at'], ['slug']).execute()
  return m.findOneByOrFail(Tenant, { slug: spec.slug })
}

export async function findTenantBySlug(m: EntityManager, slug: string): Promise<Tenant | null> {
  return m.findOneBy(Tenant, { slug })
}

export async function findTenantById(m: EntityManager, id: string): Promise<Tenant | null> {
  return m.findOneBy(Tenant, { id })
}
