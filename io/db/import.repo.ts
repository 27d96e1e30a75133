import type { DataSource, EntityManager } from 'typeorm'
import type { ContractRow, PaymentRow, RowIssue } from '../../core/dashboard/import-rows.js'
import { recordContract } from './contract.repo.js'
import { canSee, type Scope } from './dashboard.repo.js'
import { recordPayment } from './payment.repo.js'

export type ImportActor = { tenantId: string; memberId: string; scope: Scope }
export type ImportResult = { ok: true; inserted: number; unchanged: number } | { ok: false; issues: RowIssue[] }
type Opp = { id: string; customer_id: string; owner_id: string; title: string; status: string; customer: string }

/** Thrown inside the transaction so that nothing of a file with a bad row is kept. */
class RowsRefused extends Error {
  constructor(readonly issues: RowIssue[]) {
    super('import refused')
  }
}

/**
 * All rows or none: every row is resolved and written in one transaction (imports of one tenant take turns), and any
 * problem rolls the whole file back. A row already stored with the same details counts as unchanged, so importing the
 * same file twice adds nothing; the same key with other details is a conflict.
 */
async function allOrNothing(db: DataSource, tenantId: string, work: (tx: EntityManager, issues: RowIssue[]) => Promise<{ inserted: number; unchanged: number }>): Promise<ImportResult> {
  try {
    return await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`import:${tenantId}`])
      const issues: RowIssue[] = []
      const counts = await work(tx, issues)
      if (issues.length) throw new RowsRefused(issues)
      return { ok: true as const, ...counts }
    })
  } catch (e) {
    if (e instanceof RowsRefused) return { ok: false, issues: e.issues.sort((a, b) => a.row - b.row) }
    throw e
  }
}

/** Which opportunity a contract row means: by id or title among the customer's, else the customer's only one still in play. */
function opportunityOf(r: ContractRow, opps: Opp[]): Opp | RowIssue {
  const mine = opps.filter((o) => o.customer === r.customer)
  if (mine.length === 0) return { row: r.row, code: 'IMPORT_CUSTOMER_UNKNOWN', params: { row: r.row, customer: r.customer } }
  const picked = r.opportunity ? mine.filter((o) => o.id === r.opportunity || o.title === r.opportunity) : mine.filter((o) => o.status !== 'lost')
  return picked.length === 1 ? picked[0]! : { row: r.row, code: 'IMPORT_OPPORTUNITY_UNKNOWN', params: { row: r.row, customer: r.customer } }
}

export function importContracts(db: DataSource, a: ImportActor, rows: ContractRow[], now: Date): Promise<ImportResult> {
  return allOrNothing(db, a.tenantId, async (tx, issues) => {
    const opps = await tx.query(`SELECT o.id, o.customer_id, o.owner_id, o.title, o.status, cu.name AS customer FROM opportunity o
      JOIN customer cu ON cu.id = o.customer_id WHERE o.tenant_id = $1 AND cu.name = ANY($2)`, [a.tenantId, [...new Set(rows.map((r) => r.customer))]]) as Opp[]
    let inserted = 0
    let unchanged = 0
    for (const r of rows) {
      const opp = opportunityOf(r, opps)
      if ('code' in opp) { issues.push(opp); continue }
      if (!canSee(a.scope, opp.owner_id)) { issues.push({ row: r.row, code: 'IMPORT_ROW_FORBIDDEN', params: { row: r.row } }); continue }
      const res = await recordContract(tx, { tenantId: a.tenantId, opportunityId: opp.id, customerId: opp.customer_id, number: r.number, amount: r.amount,
        signedOn: r.signedOn, approvalRef: r.approvalRef, source: 'import', createdBy: a.memberId }, now, a.memberId)
      if (res.conflict) issues.push({ row: r.row, code: 'IMPORT_ROW_CONFLICT', params: { row: r.row, key: `合同编号 ${r.number}` } })
      else if (res.inserted) inserted++
      else unchanged++
    }
    return { inserted, unchanged }
  })
}

export function importPayments(db: DataSource, a: ImportActor, rows: PaymentRow[], now: Date): Promise<ImportResult> {
  return allOrNothing(db, a.tenantId, async (tx, issues) => {
    const contracts = new Map((await tx.query(`SELECT c.id, c.number, o.owner_id FROM contract c JOIN opportunity o ON o.id = c.opportunity_id
      WHERE c.tenant_id = $1 AND c.number = ANY($2)`, [a.tenantId, [...new Set(rows.map((r) => r.contract))]]) as { id: string; number: string; owner_id: string }[])
      .map((c) => [c.number, c]))
    let inserted = 0
    let unchanged = 0
    for (const r of rows) {
      const c = contracts.get(r.contract)
      if (!c) { issues.push({ row: r.row, code: 'IMPORT_CONTRACT_UNKNOWN', params: { row: r.row, number: r.contract } }); continue }
      if (!canSee(a.scope, c.owner_id)) { issues.push({ row: r.row, code: 'IMPORT_ROW_FORBIDDEN', params: { row: r.row } }); continue }
      const res = await recordPayment(tx, { tenantId: a.tenantId, contractId: c.id, amount: r.amount, paidOn: r.paidOn, reference: r.reference,
        source: 'import', createdBy: a.memberId }, now, a.memberId)
      if (res.conflict) issues.push({ row: r.row, code: 'IMPORT_ROW_CONFLICT', params: { row: r.row, key: `回款单号 ${r.reference}` } })
      else if (res.inserted) inserted++
      else unchanged++
    }
    return { inserted, unchanged }
  })
}
