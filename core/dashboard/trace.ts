import { fromLocal, isoToDay, toLocal } from '../timing/beijing-time.js'
import { traceFlag, type TraceFlag } from './trace-flags.js'

/**
 * 业绩溯源: from a payment or contract down to where the deal began. The steps, top to bottom: payment → contract →
 * approval → quote → the customer's first recorded need → the customer's first visit → that day's check-ins of
 * the rep who made it. "First recorded need" is the earliest record that states what the customer wants: a visit
 * with pain points, a voice note summary (语音纪要), or a voice-summary deliverable / form with pain points of
 * any of the customer's opportunities (the 需求探询 node's evidence).
 */
export const TRACE_STEPS = ['payment', 'contract', 'approval', 'quote', 'need', 'first_visit', 'check_ins'] as const
export type TraceStepKind = (typeof TRACE_STEPS)[number]

export type TraceRecord = { id: string; kind: string; at: Date; memberId: string | null; summary: string; data: Record<string, unknown>; restricted: boolean }
export type TraceStep = { kind: TraceStepKind; at: Date | null; records: TraceRecord[]; flags: TraceFlag[] }

export type ContractFacts = { id: string; number: string; amount: string; signedOn: string; approvalRef: string | null; source: string
  createdBy: string; createdAt: Date; opportunityId: string; title: string; customerId: string; customer: string; ownerId: string }
export type PaymentFacts = { id: string; amount: string; paidOn: string; reference: string; source: string; createdBy: string; createdAt: Date }
export type ApprovalFacts = { id: string; spNo: string; status: string; at: Date; memberId: string | null; summary: string }
export type QuoteFacts = { id: string; status: string; amount: string | null; models: string[]; at: Date; confirmedAt: Date | null
  createdBy: string; attachmentId: string | null }
export type ActivityFacts = { id: string; kind: string; at: Date; memberId: string | null; summary: string; data: Record<string, unknown> }

export type TraceInput = {
  contract: ContractFacts; payments: PaymentFacts[]; focusPaymentId: string | null; approvals: ApprovalFacts[]
  quotes: QuoteFacts[]; needs: ActivityFacts[]; firstVisit: ActivityFacts | null; checkIns: ActivityFacts[]
}

const APPROVED = '2' // WeCom SpStatus: 1 审批中, 2 已通过, 3 已驳回, 4 已撤销
const fen = (yuan: string): number => Math.round(Number(yuan) * 100)
const yuan = (f: number): string => (f / 100).toFixed(2)
const byTime = <T extends { at: Date }>(a: T, b: T) => a.at.getTime() - b.at.getTime()
const last = <T>(xs: T[]): T | undefined => xs[xs.length - 1]

/** The Beijing calendar day holding `at`, as [from, to). */
export function dayWindow(at: Date): { from: Date; to: Date } {
  const { day } = toLocal(at)
  return { from: fromLocal(day, 0), to: fromLocal(day + 1, 0) }
}

/** The end of the signing day: anything after it happened after the contract was signed. */
const signingEnd = (signedOn: string): Date => fromLocal((isoToDay(signedOn) ?? 0) + 1, 0)

export function assembleTrace(input: TraceInput, visible: (memberId: string | null) => boolean): TraceStep[] {
  const end = signingEnd(input.contract.signedOn)
  // Payments, approvals and quotes belong to the deal the caller may see; the customer's earlier history may be someone else's.
  const record: MakeRecord = (id, kind, at, memberId, summary, data) => ({ id, kind, at, memberId, summary, data, restricted: false })
  const activity = (a: ActivityFacts): TraceRecord => visible(a.memberId) ? record(a.id, a.kind, a.at, a.memberId, a.summary, a.data)
    : { id: a.id, kind: a.kind, at: a.at, memberId: null, summary: '', data: {}, restricted: true }
  const late = (at: Date | null): TraceFlag[] => (at && at >= end ? [traceFlag('AFTER_SIGNING')] : [])
  const hidden = (rs: TraceRecord[]): TraceFlag[] => (rs.some((r) => r.restricted) ? [traceFlag('RESTRICTED')] : [])
  const step = (kind: TraceStepKind, records: TraceRecord[], flags: TraceFlag[], at = records[0]?.at ?? null): TraceStep =>
    ({ kind, at, records, flags: [...flags, ...hidden(records)] })

  const approvals = pickApproval(input.approvals, input.contract.approvalRef, end)
  const quote = pickQuote(input.quotes, end)
  const need = [...input.needs].sort(byTime)[0]
  const visit = input.firstVisit
  const anomalies = (visit?.data.anomalies as { code?: string }[] | undefined)?.map((a) => a.code).filter(Boolean) ?? []
  return [
    paymentStep(input, record),
    step('contract', [contractRecord(input.contract)], [], fromLocal(isoToDay(input.contract.signedOn) ?? 0, 0)),
    step('approval', approvals.map((a) => record(a.id, 'approval', a.at, a.memberId, a.summary, { spNo: a.spNo, status: a.status })),
      approvalFlags(approvals, input.contract.approvalRef).concat(late(last(approvals)?.at ?? null))),
    step('quote', quote ? [record(quote.id, 'quote', quote.at, quote.createdBy, quote.amount ?? '', quoteData(quote))] : [],
      quote ? [...(quote.status === 'confirmed' ? [] : [traceFlag('QUOTE_UNCONFIRMED')]), ...late(quote.at)] : [traceFlag('NO_QUOTE')]),
    step('need', need ? [activity(need)] : [], need ? late(need.at) : [traceFlag('NO_NEED')]),
    step('first_visit', visit ? [activity(visit)] : [], visit
      ? [...(anomalies.length ? [traceFlag('VISIT_ANOMALIES', { codes: anomalies.join(', ') })] : []), ...late(visit.at)] : [traceFlag('NO_FIRST_VISIT')]),
    step('check_ins', [...input.checkIns].sort(byTime).map(activity), visit && input.checkIns.length === 0 ? [traceFlag('NO_CHECK_IN')] : []),
  ]
}

type MakeRecord = (id: string, kind: string, at: Date, memberId: string | null, summary: string, data: Record<string, unknown>) => TraceRecord

function paymentStep(input: TraceInput, record: MakeRecord): TraceStep {
  const ps = [...input.payments].sort((a, b) => a.paidOn.localeCompare(b.paidOn) || a.reference.localeCompare(b.reference))
  const focus = ps.find((p) => p.id === input.focusPaymentId)
  const ordered = focus ? [focus, ...ps.filter((p) => p !== focus)] : ps
  const paid = ps.reduce((s, p) => s + fen(p.amount), 0)
  const flags = ps.length === 0 ? [traceFlag('NO_PAYMENT')] : []
  if (paid > fen(input.contract.amount)) flags.push(traceFlag('PAID_OVER_CONTRACT', { paid: yuan(paid), amount: input.contract.amount }))
  const early = ps.find((p) => p.paidOn < input.contract.signedOn)
  if (early) flags.push(traceFlag('PAID_BEFORE_SIGNING', { paidOn: early.paidOn }))
  const records = ordered.map((p) => record(p.id, 'payment', p.createdAt, p.createdBy, p.amount,
    { amount: p.amount, paidOn: p.paidOn, reference: p.reference, source: p.source, focus: p === focus, paidTotal: yuan(paid) }))
  return { kind: 'payment', at: records[0]?.at ?? null, records, flags }
}

function contractRecord(c: ContractFacts): TraceRecord {
  const { id, createdBy, createdAt, number, ...data } = c
  return { id, kind: 'contract', at: createdAt, memberId: createdBy, summary: number, data: { number, ...data }, restricted: false }
}

/** The approval that cleared the contract: the one it names, else the opportunity's latest one started by signing day. */
function pickApproval(all: ApprovalFacts[], ref: string | null, end: Date): ApprovalFacts[] {
  const sorted = [...all].sort(byTime)
  const spNo = ref ?? last(sorted.filter((a) => a.at < end))?.spNo ?? last(sorted)?.spNo
  return sorted.filter((a) => a.spNo === spNo)
}

function approvalFlags(trail: ApprovalFacts[], ref: string | null): TraceFlag[] {
  const latest = last(trail)
  if (!latest) return [traceFlag('NO_APPROVAL')]
  return latest.status === APPROVED ? [] : [traceFlag('APPROVAL_NOT_PASSED', { spNo: latest.spNo ?? ref ?? '', status: latest.status })]
}

/** The quote the contract followed: the latest confirmed one by signing day, else the latest one by then, else the latest. */
function pickQuote(all: QuoteFacts[], end: Date): QuoteFacts | undefined {
  const usable = [...all].filter((q) => q.status !== 'failed').sort(byTime)
  const before = usable.filter((q) => q.at < end)
  return last(before.filter((q) => q.status === 'confirmed')) ?? last(before) ?? last(usable)
}

const quoteData = (q: QuoteFacts): Record<string, unknown> =>
  ({ status: q.status, amount: q.amount, models: q.models, confirmedAt: q.confirmedAt?.toISOString() ?? null, attachmentId: q.attachmentId })
