import type { EntityManager } from 'typeorm'
import { dayWindow, type ActivityFacts, type ApprovalFacts, type ContractFacts, type PaymentFacts, type QuoteFacts, type TraceInput } from '../../core/dashboard/trace.js'

type Row = Record<string, unknown>
const str = (x: unknown): string => (x === null || x === undefined ? '' : String(x))

/** The contract with its opportunity's title and owner and the customer's name; null when not in the tenant. */
export async function contractFacts(m: EntityManager, tenantId: string, contractId: string): Promise<ContractFacts | null> {
  const [r] = await m.query(
    `SELECT c.id, c.number, c.amount, c.signed_on::text AS signed_on, c.approval_ref, c.source, c.created_by, c.created_at, c.opportunity_id,
            o.title, c.customer_id, coalesce(cu.name, '') AS customer, o.owner_id
       FROM contract c JOIN opportunity o ON o.id = c.opportunity_id LEFT JOIN customer cu ON cu.id = c.customer_id
      WHERE c.tenant_id = $1 AND c.id = $2`, [tenantId, contractId]) as Row[]
  if (!r) return null
  return { id: str(r.id), number: str(r.number), amount: str(r.amount), signedOn: str(r.signed_on), approvalRef: (r.approval_ref as string | null) ?? null,
    source: str(r.source), createdBy: str(r.created_by), createdAt: r.created_at as Date, opportunityId: str(r.opportunity_id), title: str(r.title),
    customerId: str(r.customer_id), customer: str(r.customer), ownerId: str(r.owner_id) }
}

/** The contract a payment was received against; null when the payment is not in the tenant. */
export async function contractOfPayment(m: EntityManager, tenantId: string, paymentId: string): Promise<string | null> {
  const [r] = await m.query('SELECT contract_id FROM payment WHERE tenant_id = $1 AND id = $2', [tenantId, paymentId]) as Row[]
  return r ? str(r.contract_id) : null
}

async function payments(m: EntityManager, tenantId: string, contractId: string): Promise<PaymentFacts[]> {
  const rows = await m.query(`SELECT id, amount, paid_on::text AS paid_on, reference, source, created_by, created_at FROM payment
    WHERE tenant_id = $1 AND contract_id = $2`, [tenantId, contractId]) as Row[]
  return rows.map((r) => ({ id: str(r.id), amount: str(r.amount), paidOn: str(r.paid_on), reference: str(r.reference), source: str(r.source),
    createdBy: str(r.created_by), createdAt: r.created_at as Date }))
}

/** The opportunity's approval trail (sys_approval_change records), plus any trail under the SpNo the contract names. */
async function approvals(m: EntityManager, tenantId: string, c: ContractFacts): Promise<ApprovalFacts[]> {
  const rows = await m.query(`SELECT id, data->>'spNo' AS sp_no, data->>'spStatus' AS status, occurred_at, member_id, summary FROM activity
    WHERE tenant_id = $1 AND kind = 'approval' AND (opportunity_id = $2 OR data->>'spNo' = $3)`, [tenantId, c.opportunityId, c.approvalRef ?? '']) as Row[]
  return rows.map((r) => ({ id: str(r.id), spNo: str(r.sp_no), status: str(r.status), at: r.occurred_at as Date,
    memberId: (r.member_id as string | null) ?? null, summary: str(r.summary) }))
}

async function quotes(m: EntityManager, tenantId: string, opportunityId: string): Promise<QuoteFacts[]> {
  const rows = await m.query(`SELECT id, status, coalesce(confirmed->>'amount', ocr->>'amount') AS amount,
      coalesce(confirmed->'models', ocr->'models', '[]'::jsonb) AS models, created_at, confirmed_at, created_by, attachment_id
    FROM quote WHERE tenant_id = $1 AND opportunity_id = $2`, [tenantId, opportunityId]) as Row[]
  return rows.map((r) => ({ id: str(r.id), status: str(r.status), amount: (r.amount as string | null) ?? null,
    models: Array.isArray(r.models) ? r.models.map(String) : [], at: r.created_at as Date, confirmedAt: (r.confirmed_at as Date | null) ?? null,
    createdBy: str(r.created_by), attachmentId: (r.attachment_id as string | null) ?? null }))
}

const CUSTOMER_ACTIVITY = `tenant_id = $1 AND (customer_id = $2 OR opportunity_id IN (SELECT id FROM opportunity WHERE tenant_id = $1 AND customer_id = $2))`
const toActivity = (r: Row): ActivityFacts => ({ id: str(r.id), kind: str(r.kind), at: r.at as Date, memberId: (r.member_id as string | null) ?? null,
  summary: str(r.summary), data: (r.data as Record<string, unknown>) ?? {} })

/**
 * Candidates for the customer's first recorded need, the earliest of each source: a visit with pain points or a
 * voice note summary; a voice-summary deliverable or a form carrying pain points, on any of the customer's opportunities.
 */
async function needs(m: EntityManager, tenantId: string, customerId: string): Promise<ActivityFacts[]> {
  const acts = await m.query(`SELECT id, kind, occurred_at AS at, member_id, summary, data FROM activity WHERE ${CUSTOMER_ACTIVITY}
      AND CASE kind WHEN 'voice' THEN summary <> ''
        -- CASE, not AND: PostgreSQL may evaluate jsonb_array_length first, and it raises on a scalar
        WHEN 'visit' THEN CASE WHEN jsonb_typeof(data->'painPoints') = 'array' THEN jsonb_array_length(data->'painPoints') > 0 ELSE false END
        ELSE false END
    ORDER BY occurred_at, id LIMIT 1`, [tenantId, customerId]) as Row[]
  const dels = await m.query(`SELECT d.id, 'deliverable_' || d.kind AS kind, d.arrived_at AS at, d.submitted_by AS member_id,
      coalesce(d.data->>'text', d.data->>'summary', '') AS summary, d.data || jsonb_build_object('node', d.node) AS data
    FROM deliverable d JOIN opportunity o ON o.id = d.opportunity_id
    WHERE d.tenant_id = $1 AND o.customer_id = $2 AND (d.kind = 'voice_summary' OR (d.kind = 'form' AND (d.data ? 'pain_points' OR d.data ? 'painPoints')))
    ORDER BY d.arrived_at, d.id LIMIT 1`, [tenantId, customerId]) as Row[]
  return [...acts, ...dels].map(toActivity)
}

async function firstVisit(m: EntityManager, tenantId: string, customerId: string): Promise<ActivityFacts | null> {
  const [r] = await m.query(`SELECT id, kind, occurred_at AS at, member_id, summary, data FROM activity WHERE ${CUSTOMER_ACTIVITY} AND kind = 'visit'
    ORDER BY occurred_at, id LIMIT 1`, [tenantId, customerId]) as Row[]
  return r ? toActivity(r) : null
}

/** The rep's check-ins on the visit's Beijing day: their visits and the locations they sent (位置); periodic location reports are left out. */
async function checkIns(m: EntityManager, tenantId: string, visit: ActivityFacts): Promise<ActivityFacts[]> {
  if (!visit.memberId) return [visit]
  const { from, to } = dayWindow(visit.at)
  const rows = await m.query(`SELECT id, kind, occurred_at AS at, member_id, summary, data FROM activity
    WHERE tenant_id = $1 AND member_id = $2 AND kind IN ('visit', 'location') AND occurred_at >= $3 AND occurred_at < $4
    ORDER BY occurred_at, id LIMIT 200`, [tenantId, visit.memberId, from, to]) as Row[]
  return rows.map(toActivity)
}

/** Every row the trace of one contract needs; the payment asked about (if any) is marked. */
export async function traceInput(m: EntityManager, tenantId: string, contract: ContractFacts, focusPaymentId: string | null): Promise<TraceInput> {
  const [ps, aps, qs, ns, visit] = await Promise.all([payments(m, tenantId, contract.id), approvals(m, tenantId, contract),
    quotes(m, tenantId, contract.opportunityId), needs(m, tenantId, contract.customerId), firstVisit(m, tenantId, contract.customerId)])
  return { contract, payments: ps, focusPaymentId, approvals: aps, quotes: qs, needs: ns, firstVisit: visit,
    checkIns: visit ? await checkIns(m, tenantId, visit) : [] }
}
