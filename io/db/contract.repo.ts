import type { EntityManager } from 'typeorm'
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js'
import { appendAudit } from './audit.repo.js'
import { Contract } from './entities/contract.entity.js'

export type NewContract = Pick<Contract, 'tenantId' | 'opportunityId' | 'customerId' | 'number' | 'amount' | 'signedOn' | 'approvalRef'
  | 'source' | 'createdBy'>

/** What makes two records of one contract number the same contract (the source and who typed it do not). */
export const sameContract = (a: NewContract, b: Contract): boolean => a.opportunityId === b.opportunityId && a.customerId === b.customerId
  && Number(a.amount).toFixed(2) === Number(b.amount).toFixed(2) && a.signedOn === b.signedOn
  && (a.approvalRef === null || a.approvalRef === b.approvalRef) // no approval given: the one on file stands

/**
 * Once per (tenant, number), with an audit entry when it is new. Run inside the caller's transaction. The same
 * contract again returns the stored row (inserted: false); a different one under the same number is returned as
 * `conflict`, for the caller to refuse.
 */
export async function recordContract(tx: EntityManager, c: NewContract, at: Date, actor: string): Promise<{ contract: Contract; inserted: boolean; conflict: boolean }> {
  const res = await tx.createQueryBuilder().insert().into(Contract).values(c as QueryDeepPartialEntity<Contract>)
    .orIgnore().returning(['id']).execute()
  const id = (res.raw as { id: string }[])[0]?.id
  const contract = await tx.findOneByOrFail(Contract, id ? { tenantId: c.tenantId, id } : { tenantId: c.tenantId, number: c.number })
  if (!id) return { contract, inserted: false, conflict: !sameContract(c, contract) }
  await appendAudit(tx, { tenantId: c.tenantId, at, actor, entity: 'contract', entityId: contract.id, action: 'created',
    data: { number: c.number, opportunityId: c.opportunityId, amount: contract.amount, signedOn: c.signedOn, approvalRef: c.approvalRef, source: c.source } })
  return { contract, inserted: true, conflict: false }
}

export async function findContract(m: EntityManager, tenantId: string, id: string): Promise<Contract | null> {
  return m.findOneBy(Contract, { tenantId, id })
}

export async function findContractsByNumber(m: EntityManager, tenantId: string, numbers: string[]): Promise<Contract[]> {
  if (numbers.length === 0) return []
  return m.createQueryBuilder(Contract, 'c').where('c.tenant_id = :tenantId AND c.number IN (:...numbers)', { tenantId, numbers }).getMany()
}
