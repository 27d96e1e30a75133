import type { DataSource, EntityManager } from 'typeorm'
import { formatBeijing, parseBeijing } from '../../core/timing/beijing-time.js'
import { recordActivityOnce } from '../db/activity.repo.js'
import { recordContract } from '../db/contract.repo.js'
import { recordPayment } from '../db/payment.repo.js'

const DAY = 86_400_000
const LATE_NODES = ['quote', 'contract']

type LateOpportunity = {
  id: string; customer_id: string; customer: string; owner_id: string; owner_key: string; amount: string | null
  lat: number | null; lng: number | null; late_at: Date | null; created_at: Date
}

const dayOf = (d: Date): string => formatBeijing(d).slice(0, 10)
const atBeijing = (day: string, hhmm: string): Date => parseBeijing(`${day} ${hhmm}`) ?? new Date(`${day}T00:00:00+08:00`)

/**
 * 业绩溯源 history for the demo: each opportunity at 报价跟进 or 签约归档 (or won) gets a contract signed a few
 * days after it reached those nodes, the WeCom approval that cleared it (submitted, then approved), a check-in on
 * the day of the customer's first visit, and the payments received so far (30 % down after three days, the rest after
 * twenty days, only those before `now`). Idempotent: contract numbers, payment references and activity client ids are
 * derived from the opportunity, so a second run adds nothing.
 */
export async function seedTraceHistory(db: DataSource, tenantId: string, now: Date): Promise<void> {
  const opps: LateOpportunity[] = await db.query(
    `SELECT o.id, o.customer_id, c.name AS customer, o.owner_id, mb.platform_user_id AS owner_key, o.amount, c.lat, c.lng, o.created_at,
            (SELECT min(r.entered_at) FROM node_run r WHERE r.tenant_id = o.tenant_id AND r.opportunity_id = o.id AND r.node = ANY($2)) AS late_at
       FROM opportunity o JOIN customer c ON c.id = o.customer_id JOIN member mb ON mb.id = o.owner_id
      WHERE o.tenant_id = $1 AND (o.current_node = ANY($2) OR o.status = 'won')
      ORDER BY o.created_at, o.id`, [tenantId, LATE_NODES])
  await db.transaction(async (tx) => {
    for (const [i, o] of opps.entries()) await seedOne(tx, tenantId, o, i, now)
  })
}

async function seedOne(tx: EntityManager, tenantId: string, o: LateOpportunity, i: number, now: Date): Promise<void> {
  const reached = o.late_at ?? o.created_at
  const signedAt = new Date(Math.min(reached.getTime() + 3 * DAY, now.getTime() - DAY))
  const signedOn = dayOf(signedAt)
  const number = `HT${signedOn.slice(0, 4)}-${String(i + 1).padStart(3, '0')}`
  const spNo = `${signedOn.replaceAll('-', '')}${String(i + 1).padStart(4, '0')}`
  const actor = `member:${o.owner_key}`
  await seedApproval(tx, tenantId, o, spNo, signedOn)
  await seedCheckIn(tx, tenantId, o)
  const amount = (Math.round(Number(o.amount ?? 300_000) * 0.96)).toFixed(2)
  const { contract } = await recordContract(tx, { tenantId, opportunityId: o.id, customerId: o.customer_id, number, amount, signedOn,
    approvalRef: spNo, source: i % 2 ? 'import' : 'api', createdBy: o.owner_id }, atBeijing(signedOn, '17:30'), actor)
  const parts = [{ share: 0.3, after: 3 }, { share: 0.7, after: 20 }]
  let paid = 0
  for (const [k, p] of parts.entries()) {
    const paidAt = new Date(atBeijing(contract.signedOn, '10:00').getTime() + p.after * DAY)
    if (paidAt > now) break
    const part = k === parts.length - 1 ? Number(contract.amount) - paid : Math.round(Number(contract.amount) * p.share)
    paid += part
    await recordPayment(tx, { tenantId, contractId: contract.id, amount: part.toFixed(2), paidOn: dayOf(paidAt), reference: `HK-${number}-${k + 1}`,
      source: 'import', createdBy: o.owner_id }, paidAt, actor)
  }
}

/** The approval trail as WeCom reports it (sys_approval_change): submitted two days before signing, approved the day before. */
async function seedApproval(tx: EntityManager, tenantId: string, o: LateOpportunity, spNo: string, signedOn: string): Promise<void> {
  const signed = atBeijing(signedOn, '09:00').getTime()
  for (const [k, status] of ['1', '2'].entries()) {
    const at = new Date(signed - (2 - k) * DAY)
    await recordActivityOnce(tx, { tenantId, opportunityId: o.id, customerId: o.customer_id, memberId: k === 0 ? o.owner_id : null, kind: 'approval',
      summary: `审批 ${spNo} 状态 ${status}`, data: { kind: 'approval', spNo, spName: '合同审批', spStatus: status, applicant: o.owner_key },
      occurredAt: at, receivedAt: at, clientId: `demo_trace_approval_${o.id}_${status}` })
  }
}

/** A location check-in (位置) at the customer 40 minutes before the customer's first visit, by the rep who made it. */
async function seedCheckIn(tx: EntityManager, tenantId: string, o: LateOpportunity): Promise<void> {
  const [visit] = await tx.query(`SELECT member_id, occurred_at FROM activity WHERE tenant_id = $1 AND customer_id = $2 AND kind = 'visit'
    ORDER BY occurred_at, id LIMIT 1`, [tenantId, o.customer_id]) as { member_id: string | null; occurred_at: Date }[]
  if (!visit || o.lat === null || o.lng === null) return
  const at = new Date(visit.occurred_at.getTime() - 40 * 60_000)
  await recordActivityOnce(tx, { tenantId, opportunityId: o.id, customerId: o.customer_id, memberId: visit.member_id ?? o.owner_id, kind: 'location',
    summary: `${o.customer} 签到`, data: { kind: 'location', latitude: o.lat, longitude: o.lng, label: o.customer, scale: 15 },
    occurredAt: at, receivedAt: at, clientId: `demo_trace_checkin_${o.id}` })
}
