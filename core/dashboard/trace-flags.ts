import { fill, type Params } from '../errors.js'

/** What a trace step can be missing or get wrong, with the words the page shows (Chinese first). */
export const TRACE_FLAGS = {
  NO_PAYMENT: { zh: '尚无回款记录', en: 'No payment recorded yet' },
  PAID_OVER_CONTRACT: { zh: '回款合计 {paid} 超过合同金额 {amount}', en: 'Payments total {paid}, more than the contract amount {amount}' },
  PAID_BEFORE_SIGNING: { zh: '回款日期 {paidOn} 早于签约日期', en: 'Paid on {paidOn}, before the contract was signed' },
  NO_APPROVAL: { zh: '无审批记录', en: 'No approval recorded' },
  APPROVAL_NOT_PASSED: { zh: '审批 {spNo} 未通过（最新状态 {status}）', en: 'Approval {spNo} not passed (latest status {status})' },
  NO_QUOTE: { zh: '无报价单', en: 'No quote recorded' },
  QUOTE_UNCONFIRMED: { zh: '报价单未经销售确认', en: 'The quote was not confirmed by the rep' },
  NO_NEED: { zh: '无客户需求记录', en: 'No customer need recorded' },
  NO_FIRST_VISIT: { zh: '无首次拜访记录', en: 'No first visit recorded' },
  VISIT_ANOMALIES: { zh: '拜访有异常标记：{codes}', en: 'The visit carries anomaly flags: {codes}' },
  NO_CHECK_IN: { zh: '首次拜访当天无签到记录', en: 'No check-in on the day of the first visit' },
  AFTER_SIGNING: { zh: '发生在签约之后', en: 'Happened after the contract was signed' },
  RESTRICTED: { zh: '该记录属于您权限之外的成员', en: 'Recorded by a member outside what you may see' },
} as const satisfies Record<string, { zh: string; en: string }>

export type TraceFlagCode = keyof typeof TRACE_FLAGS
export type TraceFlag = { code: TraceFlagCode; zh: string; en: string }

export function traceFlag(code: TraceFlagCode, params: Params = {}): TraceFlag {
  return { code, zh: fill(TRACE_FLAGS[code].zh, params), en: fill(TRACE_FLAGS[code].en, params) }
}
