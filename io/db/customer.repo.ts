import { IsNull, type EntityManager } from 'typeorm'
import { Contact } from './entities/contact.entity.js'
import { Opportunity } from './entities/opportunity.entity.js'

export type CustomerRow = { id: string; name: string; externalUserId: string | null; processId: string | null; node: string | null }
export type RecordRow = { id: string; kind: string; summary: string; at: Date; by: string }

/** Members at or below `memberId` in the org tree (managerId chain), the member first. */
const SUBTREE = `WITH RECURSIVE below(id, depth) AS (
    SELECT id, 0 FROM member WHERE tenant_id = $1 AND id = $2
    UNION SELECT m.id, b.depth + 1 FROM member m JOIN below b ON m.manager_id = b.id WHERE m.tenant_id = $1 AND b.depth < 32)`

/**
 * The customers a member may see, best match first: those they or anyone below them own, and those whose
 * contacts they follow. Name prefix beats substring; at most `limit`.
 */
export async function searchVisibleCustomers(m: EntityManager, tenantId: string, memberId: string, query: string, limit = 50): Promise<CustomerRow[]> {
  const like = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  const rows = await m.query(`${SUBTREE}
    SELECT c.id, c.name,
      (SELECT ct.external_user_id FROM contact ct WHERE ct.tenant_id = $1 AND ct.customer_id = c.id AND ct.deleted_at IS NULL
         AND ct.external_user_id IS NOT NULL ORDER BY ct.follower_ids @> jsonb_build_array($2::text) DESC, ct.created_at LIMIT 1) AS external_user_id,
      o.process_id, o.current_node
    FROM customer c
    LEFT JOIN LATERAL (SELECT process_id, current_node FROM opportunity WHERE tenant_id = $1 AND customer_id = c.id AND status = 'open'
      ORDER BY created_at DESC LIMIT 1) o ON true
    WHERE c.tenant_id = $1 AND (c.name ILIKE $3 OR EXISTS (SELECT 1 FROM contact ct WHERE ct.tenant_id = $1 AND ct.customer_id = c.id
        AND ct.deleted_at IS NULL AND ct.name ILIKE $3))
      AND (c.owner_id IN (SELECT id FROM below) OR EXISTS (SELECT 1 FROM contact ct WHERE ct.tenant_id = $1 AND ct.customer_id = c.id
        AND ct.deleted_at IS NULL AND ct.follower_ids @> jsonb_build_array($2::text)))
    ORDER BY (c.name ILIKE $4) DESC, length(c.name), c.name LIMIT $5`,
  [tenantId, memberId, like, `${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, limit]) as
    { id: string; name: string; external_user_id: string | null; process_id: string | null; current_node: string | null }[]
  return rows.map((r) => ({ id: r.id, name: r.name, externalUserId: r.external_user_id, processId: r.process_id, node: r.current_node }))
}

export async function findContactByExternalId(m: EntityManager, tenantId: string, externalUserId: string): Promise<Contact | null> {
  return m.findOneBy(Contact, { tenantId, externalUserId })
}

/** The contact shown on a card: the one the member follows, else the first. */
export async function mainContact(m: EntityManager, tenantId: string, customerId: string, memberId: string): Promise<Contact | null> {
  const all = await m.find(Contact, { where: { tenantId, customerId, deletedAt: IsNull() }, order: { createdAt: 'ASC' } })
  return all.find((c) => c.followerIds.includes(memberId)) ?? all[0] ?? null
}

export async function latestOpenOpportunity(m: EntityManager, tenantId: string, customerId: string): Promise<Opportunity | null> {
  return m.findOne(Opportunity, { where: { tenantId, customerId, status: 'open' }, order: { createdAt: 'DESC' } })
}

/** The newest records of a customer with who made them, newest first. */
export async function recentRecords(m: EntityManager, tenantId: string, customerId: string, limit = 3): Promise<RecordRow[]> {
  const rows = await m.query(`SELECT a.id, a.kind, a.summary, a.occurred_at, coalesce(mb.name, '') AS by
    FROM activity a LEFT JOIN member mb ON mb.id = a.member_id
    WHERE a.tenant_id = $1 AND a.customer_id = $2 ORDER BY a.occurred_at DESC, a.created_at DESC LIMIT $3`, [tenantId, customerId, limit]) as
    { id: string; kind: string; summary: string; occurred_at: Date; by: string }[]
  return rows.map((r) => ({ id: r.id, kind: r.kind, summary: r.summary, at: r.occurred_at, by: r.by }))
}
