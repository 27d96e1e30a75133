import type { EntityManager } from 'typeorm'

export type ContractListItem = { id: string; number: string; amount: string; signedOn: string; approvalRef: string | null; source: string; opportunityId: string
  title: string; customer: string; owner: string; ownerId: string; paid: string; payments: number }
export type PaymentListItem = { id: string; reference: string; amount: string; paidOn: string; source: string; contractId: string
  contractNumber: string; customer: string; owner: string; ownerId: string }
export type ListQuery = { ids: string[] | null; from: string | null; to: string | null; limit: number }

const camel = (r: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), v]))

/** Contracts whose opportunity owner is among `ids` (everyone when null), signed in [from, to], newest first, with what was paid. */
export async function listContracts(m: EntityManager, tenantId: string, q: ListQuery): Promise<ContractListItem[]> {
  const rows = await m.query(
    `SELECT c.id, c.number, c.amount, c.signed_on::text AS signed_on, c.approval_ref, c.source, c.opportunity_id, o.title, coalesce(cu.name, '') AS customer,
            mb.name AS owner, o.owner_id, coalesce(p.paid, 0)::numeric(14,2)::text AS paid, coalesce(p.n, 0)::int AS payments
       FROM contract c JOIN opportunity o ON o.id = c.opportunity_id JOIN member mb ON mb.id = o.owner_id
       LEFT JOIN customer cu ON cu.id = c.customer_id
       LEFT JOIN LATERAL (SELECT sum(amount) AS paid, count(*) AS n FROM payment WHERE tenant_id = $1 AND contract_id = c.id) p ON true
      WHERE c.tenant_id = $1 AND ($2::uuid[] IS NULL OR o.owner_id = ANY($2))
        AND ($3::date IS NULL OR c.signed_on >= $3) AND ($4::date IS NULL OR c.signed_on <= $4)
      ORDER BY c.signed_on DESC, c.number LIMIT $5`, [tenantId, q.ids, q.from, q.to, q.limit]) as Record<string, unknown>[]
  return rows.map(camel) as ContractListItem[]
}

/** Payments on contracts whose opportunity owner is among `ids` (everyone when null), paid in [from, to], newest first. */
export async function listPayments(m: EntityManager, tenantId: string, q: ListQuery): Promise<PaymentListItem[]> {
  const rows = await m.query(
    `SELECT p.id, p.reference, p.amount, p.paid_on::text AS paid_on, p.source, p.contract_id, c.number AS contract_number,
            coalesce(cu.name, '') AS customer, mb.name AS owner, o.owner_id
       FROM payment p JOIN contract c ON c.id = p.contract_id JOIN opportunity o ON o.id = c.opportunity_id
       JOIN member mb ON mb.id = o.owner_id LEFT JOIN customer cu ON cu.id = c.customer_id
      WHERE p.tenant_id = $1 AND ($2::uuid[] IS NULL OR o.owner_id = ANY($2))
        AND ($3::date IS NULL OR p.paid_on >= $3) AND ($4::date IS NULL OR p.paid_on <= $4)
      ORDER BY p.paid_on DESC, p.reference LIMIT $5`, [tenantId, q.ids, q.from, q.to, q.limit]) as Record<string, unknown>[]
  return rows.map(camel) as PaymentListItem[]
}
