import type { DataSource, EntityManager } from 'typeorm'
import { formatBeijing, parseBeijing } from '../../core/timing/beijing-time.js'
import type { AuditEntry } from '../db/audit.repo.js'
import { appendAuditBatch } from './history-rows.js'

const DAY = 86_400_000
const LATE_NODES = ['quote', 'contract']
const INSTALMENTS = [{ share: 0.3, after: 3 }, { share: 0.7, after: 20 }] // a down payment after three days, the rest after twenty

type LateOpportunity = {
  id: string; customer_id: string; customer: string; owner_id: string; owner_key: string; amount: string | null
  lat: number | null; lng: number | null; late_at: Date | null; created_at: Date
}
type FirstVisit = { customer_id: string; member_id: string | null; occurred_at: Date }
type StoredContract = { id: string; number: string; amount: string; signed_on: string; approval_ref: string | null; source: string; created_by: string
  opportunity_id: string }
type Plan = { contract: Record<string, unknown>; activities: Record<string, unknown>[] }

const dayOf = (d: Date): string => formatBeijing(d).slice(0, 10)
const atBeijing = (day: string, hhmm: string): Date => parseBeijing(`${day} ${hhmm}`) ?? new Date(`${day}T00:00:00+08:00`)

/**
 * 业绩溯源 history for the demo: each opportunity at 报价跟进 or 签约归档 (or won) gets a contract signed three days
 * after it reached those nodes, the WeCom approval that cleared it (submitted, then approved), a check-in on the day
 * of the customer's first visit, and the instalments received before `now`; each new contract and payment gets its
 * audit entry. Idempotent: contract numbers, payment references and activity client ids derive from the opportunity,
 * and every insert skips what is already there. A handful of set-based statements, so the demo still starts fast.
 */
export async function seedTraceHistory(db: DataSource, tenantId: string, now: Date): Promise<void> {
  const opps: LateOpportunity[] = await db.query(
    `SELECT o.id, o.customer_id, c.name AS customer, o.owner_id, mb.platform_user_id AS owner_key, o.amount, c.lat, c.lng, o.created_at,
            (SELECT min(r.entered_at) FROM node_run r WHERE r.tenant_id = o.tenant_id AND r.opportunity_id = o.id AND r.node = ANY($2)) AS late_at
       FROM opportunity o JOIN customer c ON c.id = o.customer_id JOIN member mb ON mb.id = o.owner_id
      WHERE o.tenant_id = $1 AND (o.current_node = ANY($2) OR o.status = 'won')
      ORDER BY o.created_at, o.id`, [tenantId, LATE_NODES])
  if (opps.length === 0) return
  const visits: FirstVisit[] = await db.query(`SELECT DISTINCT ON (customer_id) customer_id, member_id, occurred_at FROM activity
    WHERE tenant_id = $1 AND kind = 'visit' AND customer_id = ANY($2) ORDER BY customer_id, occurred_at, id`, [tenantId, opps.map((o) => o.customer_id)])
  const firstVisit = new Map(visits.map((v) => [v.customer_id, v]))
  const plans = opps.map((o, i) => planOf(tenantId, o, i, now, firstVisit.get(o.customer_id)))
  const actorOf = new Map(opps.map((o) => [o.owner_id, `member:${o.owner_key}`]))
  await db.transaction(async (tx) => {
    await insertRows(tx, 'activity', ACTIVITY_COLUMNS, plans.flatMap((p) => p.activities), '(tenant_id, client_id) WHERE client_id IS NOT NULL')
    const fresh = new Set((await insertRows<{ id: string }>(tx, 'contract', CONTRACT_COLUMNS, plans.map((p) => p.contract), '(tenant_id, number)')).map((c) => c.id))
    const contracts: StoredContract[] = await tx.query(`SELECT id, number, amount, signed_on::text AS signed_on, approval_ref, source, created_by,
        opportunity_id FROM contract WHERE tenant_id = $1 AND number = ANY($2)`, [tenantId, plans.map((p) => p.contract.number)])
    const payments = contracts.flatMap((c) => paymentsOf(tenantId, c, now))
    const paid: { id: string; contract_id: string; amount: string; paid_on: string; reference: string; created_by: string }[] = await insertRows(tx,
      'payment', PAYMENT_COLUMNS, payments, '(tenant_id, reference)', 'id, contract_id, amount, paid_on::text AS paid_on, reference, created_by')
    const audit: AuditEntry[] = [
      ...contracts.filter((c) => fresh.has(c.id)).map((c) => ({ tenantId, at: atBeijing(c.signed_on, '17:30'), actor: actorOf.get(c.created_by) ?? c.created_by,
        entity: 'contract', entityId: c.id, action: 'created', data: { number: c.number, opportunityId: c.opportunity_id, amount: c.amount, signedOn: c.signed_on,
          approvalRef: c.approval_ref, source: c.source } })),
      ...paid.map((p) => ({ tenantId, at: atBeijing(p.paid_on, '10:00'), actor: actorOf.get(p.created_by) ?? p.created_by, entity: 'payment', entityId: p.id,
        action: 'created', data: { contractId: p.contract_id, amount: p.amount, paidOn: p.paid_on, reference: p.reference, source: 'import' } })),
    ]
    if (audit.length) await appendAuditBatch(tx, tenantId, audit)
  })
}

const numberOf = (signedOn: string, i: number) => `HT${signedOn.slice(0, 4)}-${String(i + 1).padStart(3, '0')}`
const approvalOf = (signedOn: string, number: string) => `${signedOn.replaceAll('-', '')}${number.slice(-3).padStart(4, '0')}`
const sourceOf = (number: string) => (Number(number.slice(-3)) % 2 ? 'api' : 'import')

function planOf(tenantId: string, o: LateOpportunity, i: number, now: Date, visit: FirstVisit | undefined): Plan {
  const reached = o.late_at ?? o.created_at
  const signedOn = dayOf(new Date(Math.min(reached.getTime() + 3 * DAY, now.getTime() - DAY)))
  const number = numberOf(signedOn, i)
  const spNo = approvalOf(signedOn, number)
  const base = { tenant_id: tenantId, opportunity_id: o.id, customer_id: o.customer_id }
  // The approval trail as WeCom reports it (sys_approval_change): submitted two days before signing, approved the day before.
  const activities: Record<string, unknown>[] = ['1', '2'].map((status, k) => {
    const at = new Date(atBeijing(signedOn, '09:00').getTime() - (2 - k) * DAY)
    return { ...base, member_id: k === 0 ? o.owner_id : null, kind: 'approval', summary: `审批 ${spNo} 状态 ${status}`, occurred_at: at, received_at: at,
      data: { kind: 'approval', spNo, spName: '合同审批', spStatus: status, applicant: o.owner_key }, client_id: `demo_trace_approval_${o.id}_${status}` }
  })
  if (visit && o.lat !== null && o.lng !== null) { // a location check-in at the customer 40 minutes before its first visit
    const at = new Date(visit.occurred_at.getTime() - 40 * 60_000)
    activities.push({ ...base, member_id: visit.member_id ?? o.owner_id, kind: 'location', summary: `${o.customer} 签到`, occurred_at: at, received_at: at,
      data: { kind: 'location', latitude: String(o.lat), longitude: String(o.lng), label: o.customer, scale: '15' }, client_id: `demo_trace_checkin_${o.id}` })
  }
  const amount = Math.round(Number(o.amount ?? 300_000) * 0.96).toFixed(2)
  const createdAt = atBeijing(signedOn, '17:30')
  return { activities, contract: { ...base, number, amount, signed_on: signedOn, approval_ref: spNo, source: sourceOf(number), created_by: o.owner_id,
    created_at: createdAt, updated_at: createdAt } }
}

function paymentsOf(tenantId: string, c: StoredContract, now: Date): Record<string, unknown>[] {
  const total = Math.round(Number(c.amount) * 100)
  let paid = 0
  return INSTALMENTS.flatMap((p, k) => {
    const at = new Date(atBeijing(c.signed_on, '10:00').getTime() + p.after * DAY)
    if (at > now) return []
    const part = k === INSTALMENTS.length - 1 ? total - paid : Math.round(total * p.share)
    paid += part
    return [{ tenant_id: tenantId, contract_id: c.id, amount: (part / 100).toFixed(2), paid_on: dayOf(at), reference: `HK-${c.number}-${k + 1}`,
      source: 'import', created_by: c.created_by, created_at: at, updated_at: at }]
  })
}

const ACTIVITY_COLUMNS = { tenant_id: 'uuid', opportunity_id: 'uuid', customer_id: 'uuid', member_id: 'uuid', kind: 'text', summary: 'text',
  data: 'jsonb', occurred_at: 'timestamptz', received_at: 'timestamptz', client_id: 'text' }
const CONTRACT_COLUMNS = { tenant_id: 'uuid', opportunity_id: 'uuid', customer_id: 'uuid', number: 'text', amount: 'numeric', signed_on: 'date',
  approval_ref: 'text', source: 'text', created_by: 'uuid', created_at: 'timestamptz', updated_at: 'timestamptz' }
const PAYMENT_COLUMNS = { tenant_id: 'uuid', contract_id: 'uuid', amount: 'numeric', paid_on: 'date', reference: 'text', source: 'text',
  created_by: 'uuid', created_at: 'timestamptz', updated_at: 'timestamptz' }

/** One INSERT … SELECT FROM jsonb_to_recordset per table, skipping rows whose unique key is already there. */
async function insertRows<T>(tx: EntityManager, table: string, columns: Record<string, string>, rows: Record<string, unknown>[], conflict: string,
  returning = 'id'): Promise<T[]> {
  if (rows.length === 0) return []
  const names = Object.keys(columns).join(', ')
  const types = Object.entries(columns).map(([c, t]) => `${c} ${t}`).join(', ')
  return tx.query(`INSERT INTO ${table} (${names}) SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS x(${types})
    ON CONFLICT ${conflict} DO NOTHING RETURNING ${returning}`, [JSON.stringify(rows)])
}
