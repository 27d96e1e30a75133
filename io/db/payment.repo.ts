import type { EntityManager } from 'typeorm'
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js'
import { appendAudit } from './audit.repo.js'
import { Payment } from './entities/payment.entity.js'

export type NewPayment = Pick<Payment, 'tenantId' | 'contractId' | 'amount' | 'paidOn' | 'reference' | 'source' | 'createdBy'>

export const samePayment = (a: NewPayment, b: Payment): boolean => a.contractId === b.contractId
  && Number(a.amount).toFixed(2) === Number(b.amount).toFixed(2) && a.paidOn === b.paidOn

/**
 * Once per (tenant, reference), with an audit entry when it is new; run inside the caller's transaction. The same
 * payment again returns the stored row; a different one under the same reference comes back as `conflict`.
 */
export async function recordPayment(tx: EntityManager, p: NewPayment, at: Date, actor: string): Promise<{ payment: Payment; inserted: boolean; conflict: boolean }> {
  const res = await tx.createQueryBuilder().insert().into(Payment).values(p as QueryDeepPartialEntity<Payment>)
    .orIgnore().returning(['id']).execute()
  const id = (res.raw as { id: string }[])[0]?.id
  const payment = await tx.findOneByOrFail(Payment, id ? { tenantId: p.tenantId, id } : { tenantId: p.tenantId, reference: p.reference })
  if (!id) return { payment, inserted: false, conflict: !samePayment(p, payment) }
  await appendAudit(tx, { tenantId: p.tenantId, at, actor, entity: 'payment', entityId: payment.id, action: 'created',
    data: { contractId: p.contractId, amount: payment.amount, paidOn: p.paidOn, reference: p.reference, source: p.source } })
  return { payment, inserted: true, conflict: false }
}

export async function findPayment(m: EntityManager, tenantId: string, id: string): Promise<Payment | null> {
  return m.findOneBy(Payment, { tenantId, id })
}
