import { describe, expect, it } from 'vitest'
import { at } from '../testing.js'
import { assembleTrace, dayWindow, type ActivityFacts, type TraceInput, type TraceStep } from './trace.js'

const contract = { id: 'c1', number: 'HT-001', amount: '100000.00', signedOn: '2026-03-20', approvalRef: null, source: 'api', createdBy: 'rep',
  createdAt: at('2026-03-20 18:00'), opportunityId: 'o1', title: '彩超', customerId: 'cu1', customer: '浙大一院', ownerId: 'rep' }
const act = (id: string, kind: string, when: string, memberId: string | null = 'rep', data: Record<string, unknown> = {}): ActivityFacts =>
  ({ id, kind, at: at(when), memberId, summary: `${kind} ${id}`, data })
const visit = act('v1', 'visit', '2026-03-02 10:00', 'rep', { painPoints: ['旧设备故障多'] })

function aTrace(over: Partial<TraceInput> = {}): TraceInput {
  return {
    contract, focusPaymentId: 'p2',
    payments: [{ id: 'p1', amount: '30000.00', paidOn: '2026-03-25', reference: 'HK-1', source: 'import', createdBy: 'rep', createdAt: at('2026-03-26 09:00') },
      { id: 'p2', amount: '70000.00', paidOn: '2026-04-20', reference: 'HK-2', source: 'import', createdBy: 'rep', createdAt: at('2026-04-21 09:00') }],
    approvals: [{ id: 'a1', spNo: 'SP1', status: '1', at: at('2026-03-18 09:00'), memberId: 'rep', summary: '提交' },
      { id: 'a2', spNo: 'SP1', status: '2', at: at('2026-03-19 09:00'), memberId: null, summary: '通过' },
      { id: 'a3', spNo: 'SP9', status: '1', at: at('2026-05-01 09:00'), memberId: 'rep', summary: '另一个审批' }],
    quotes: [{ id: 'q1', status: 'confirmed', amount: '120000.00', models: ['N17'], at: at('2026-03-10 09:00'), confirmedAt: at('2026-03-10 10:00'), createdBy: 'rep', attachmentId: 'att1' },
      { id: 'q2', status: 'pending_confirmation', amount: '100000.00', models: [], at: at('2026-03-15 09:00'), confirmedAt: null, createdBy: 'rep', attachmentId: 'att2' },
      { id: 'q3', status: 'confirmed', amount: '90000.00', models: [], at: at('2026-03-25 09:00'), confirmedAt: null, createdBy: 'rep', attachmentId: 'att3' }],
    needs: [act('n2', 'voice', '2026-03-05 09:00'), act('v1', 'visit', '2026-03-02 10:00', 'rep', { painPoints: ['旧设备故障多'] })],
    firstVisit: visit,
    checkIns: [act('l2', 'location', '2026-03-02 16:00'), act('l1', 'location', '2026-03-02 09:20')],
    ...over,
  }
}
const all = () => true
const stepOf = (steps: TraceStep[], kind: TraceStep['kind']) => steps.find((s) => s.kind === kind)!
const codes = (s: TraceStep) => s.flags.map((f) => f.code)

describe('assembleTrace', () => {
  it('runs from the payment down to the first visit and that day\'s check-ins, in that order, with no gaps flagged', () => {
    const steps = assembleTrace(aTrace(), all)
    expect(steps.map((s) => s.kind)).toEqual(['payment', 'contract', 'approval', 'quote', 'need', 'first_visit', 'check_ins'])
    expect(steps.flatMap(codes)).toEqual([])
    expect(stepOf(steps, 'payment').records.map((r) => r.id)).toEqual(['p2', 'p1']) // the payment asked about comes first
    expect(stepOf(steps, 'payment').records[0]!.data).toMatchObject({ focus: true, paidTotal: '100000.00' })
    expect(stepOf(steps, 'approval').records.map((r) => r.id)).toEqual(['a1', 'a2'])
    expect(stepOf(steps, 'quote').records.map((r) => r.id)).toEqual(['q1']) // latest confirmed by signing day, not the later one
    expect(stepOf(steps, 'need').records[0]!.id).toBe('v1')
    expect(stepOf(steps, 'check_ins').records.map((r) => r.id)).toEqual(['l1', 'l2'])
  })

  it('flags every missing step in both languages', () => {
    const steps = assembleTrace(aTrace({ payments: [], approvals: [], quotes: [], needs: [], firstVisit: null, checkIns: [] }), all)
    expect(steps.flatMap(codes)).toEqual(['NO_PAYMENT', 'NO_APPROVAL', 'NO_QUOTE', 'NO_NEED', 'NO_FIRST_VISIT'])
    expect(stepOf(steps, 'first_visit').flags[0]).toEqual({ code: 'NO_FIRST_VISIT', zh: '无首次拜访记录', en: 'No first visit recorded' })
  })

  it('flags a first visit with no check-in that day, and its anomaly codes', () => {
    const flagged = { ...visit, data: { anomalies: [{ code: 'TOO_FAR' }, { code: 'PHOTO_REUSED' }] } }
    const steps = assembleTrace(aTrace({ firstVisit: flagged, checkIns: [] }), all)
    expect(codes(stepOf(steps, 'check_ins'))).toEqual(['NO_CHECK_IN'])
    expect(stepOf(steps, 'first_visit').flags[0]!.zh).toBe('拜访有异常标记：TOO_FAR, PHOTO_REUSED')
  })

  it.each([
    ['the named approval is still pending', { contract: { ...contract, approvalRef: 'SP9' } }, 'approval', ['APPROVAL_NOT_PASSED', 'AFTER_SIGNING']],
    ['the named approval never arrived', { contract: { ...contract, approvalRef: 'SP404' } }, 'approval', ['NO_APPROVAL']],
    ['only an unconfirmed quote before signing', { quotes: [{ id: 'q', status: 'pending_confirmation', amount: null, models: [], at: at('2026-03-01 09:00'), confirmedAt: null, createdBy: 'rep', attachmentId: null }] }, 'quote', ['QUOTE_UNCONFIRMED']],
    ['the only quote came after signing', { quotes: [{ id: 'q', status: 'confirmed', amount: '1.00', models: [], at: at('2026-03-21 09:00'), confirmedAt: null, createdBy: 'rep', attachmentId: null }] }, 'quote', ['AFTER_SIGNING']],
    ['payments over the contract amount and before signing', { payments: [{ id: 'p', amount: '100000.01', paidOn: '2026-03-19', reference: 'R', source: 'api', createdBy: 'rep', createdAt: at('2026-03-19 09:00') }] }, 'payment', ['PAID_OVER_CONTRACT', 'PAID_BEFORE_SIGNING']],
  ] as const)('flags when %s', (_, over, kind, want) => {
    expect(codes(stepOf(assembleTrace(aTrace(over as Partial<TraceInput>), all), kind))).toEqual(want)
  })

  it('hides the details of records made by members outside the caller\'s scope, and says so', () => {
    const steps = assembleTrace(aTrace({ firstVisit: act('v0', 'visit', '2026-03-01 10:00', 'other') }), (m) => m !== 'other')
    const first = stepOf(steps, 'first_visit')
    expect(first.records[0]).toMatchObject({ id: 'v0', restricted: true, summary: '', data: {}, memberId: null })
    expect(codes(first)).toContain('RESTRICTED')
    expect(stepOf(steps, 'quote').records[0]!.restricted).toBe(false)
    expect(assembleTrace(aTrace(), (m) => m === null).flatMap((st) => st.records).filter((r) => r.restricted).map((r) => r.kind))
      .toEqual(['visit', 'visit', 'location', 'location']) // the deal's own payments, approvals and quotes stay open
  })
})

describe('dayWindow', () => {
  it('is the Beijing calendar day, not the UTC one', () => {
    expect(dayWindow(at('2026-03-02 07:30'))).toEqual({ from: at('2026-03-02 00:00'), to: at('2026-03-03 00:00') })
  })
})
