import type { EntityManager } from 'typeorm'
import { AppError } from '../../io/app-error.js'
import { Contact } from '../../io/db/entities/contact.entity.js'
import { Customer } from '../../io/db/entities/customer.entity.js'
import { Member } from '../../io/db/entities/member.entity.js'
import { Opportunity } from '../../io/db/entities/opportunity.entity.js'
import type { Session } from './session.js'

const MAX_CHAIN = 32

/** True when `memberId` is `ownerId` or stands above them in the org tree (managerId chain, cycle-safe). */
export async function isSelfOrAbove(m: EntityManager, tenantId: string, memberId: string, ownerId: string | null): Promise<boolean> {
  let at = ownerId
  const seen = new Set<string>()
  while (at && !seen.has(at) && seen.size < MAX_CHAIN) {
    if (at === memberId) return true
    seen.add(at)
    const row = await m.findOne(Member, { where: { tenantId, id: at }, select: { id: true, managerId: true } })
    at = row?.managerId ?? null
  }
  return false
}

/**
 * The customer, if the caller may see it: they follow one of its contacts in WeCom, own it, or manage
 * (directly or higher up) its owner. The id alone proves nothing: it came from the page.
 */
export async function authorizeCustomer(m: EntityManager, s: Session, customerId: string): Promise<Customer> {
  const customer = isUuid(customerId) ? await m.findOneBy(Customer, { tenantId: s.tenantId, id: customerId }) : null
  if (!customer) throw new AppError('NOT_FOUND', { what: `customer ${customerId}` })
  if (await isSelfOrAbove(m, s.tenantId, s.memberId, customer.ownerId)) return customer
  const follows = await m.createQueryBuilder(Contact, 'c')
    .where('c.tenant_id = :t AND c.customer_id = :id AND c.deleted_at IS NULL', { t: s.tenantId, id: customerId })
    .andWhere('c.follower_ids @> :me::jsonb', { me: JSON.stringify([s.memberId]) }).getCount()
  if (follows > 0) return customer
  throw new AppError('FORBIDDEN')
}

/** The opportunity, if the caller may see its customer (or owns / manages the opportunity's owner). */
export async function authorizeOpportunity(m: EntityManager, s: Session, opportunityId: string): Promise<Opportunity> {
  const opp = isUuid(opportunityId) ? await m.findOneBy(Opportunity, { tenantId: s.tenantId, id: opportunityId }) : null
  if (!opp) throw new AppError('NOT_FOUND', { what: `opportunity ${opportunityId}` })
  if (await isSelfOrAbove(m, s.tenantId, s.memberId, opp.ownerId)) return opp
  await authorizeCustomer(m, s, opp.customerId)
  return opp
}

export const isUuid = (x: unknown): x is string =>
  typeof x === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(x)
