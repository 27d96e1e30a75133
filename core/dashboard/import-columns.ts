/** What a file can hold: contracts (合同台账) or payments (回款台账). */
export const IMPORT_KINDS = ['contracts', 'payments'] as const
export type ImportKind = (typeof IMPORT_KINDS)[number]

export type ContractField = 'number' | 'customer' | 'opportunity' | 'amount' | 'signedOn' | 'approvalRef'
export type PaymentField = 'contract' | 'amount' | 'paidOn' | 'reference'
type ColumnDef<F extends string> = { field: F; required: boolean; zh: string; headers: string[] }

/** Headers teams actually use, Chinese and English; matching ignores case, spaces, underscores and a unit in brackets. */
export const CONTRACT_COLUMNS: ColumnDef<ContractField>[] = [
  { field: 'number', required: true, zh: '合同编号', headers: ['合同编号', '合同号', 'contract_no', 'contract_number', 'contract', 'number'] },
  { field: 'customer', required: true, zh: '客户', headers: ['客户', '客户名称', 'customer', 'customer_name'] },
  { field: 'opportunity', required: false, zh: '商机', headers: ['商机', '商机名称', 'opportunity', 'opportunity_title', 'opportunity_id'] },
  { field: 'amount', required: true, zh: '金额', headers: ['金额', '合同金额', 'amount', 'contract_amount'] },
  { field: 'signedOn', required: true, zh: '签订日期', headers: ['签订日期', '签约日期', '签订时间', 'signed_on', 'signed_at', 'signed_date'] },
  { field: 'approvalRef', required: false, zh: '审批单号', headers: ['审批单号', '审批编号', 'approval', 'approval_no', 'approval_ref', 'sp_no'] },
]

export const PAYMENT_COLUMNS: ColumnDef<PaymentField>[] = [
  { field: 'contract', required: true, zh: '合同编号', headers: ['合同编号', '合同号', 'contract_no', 'contract_number', 'contract'] },
  { field: 'amount', required: true, zh: '回款金额', headers: ['回款金额', '金额', 'amount', 'paid_amount', 'payment_amount'] },
  { field: 'paidOn', required: true, zh: '回款日期', headers: ['回款日期', '到账日期', 'paid_on', 'paid_at', 'payment_date'] },
  { field: 'reference', required: true, zh: '回款单号', headers: ['回款单号', '流水号', '收款单号', 'reference', 'payment_ref', 'ref'] },
]

export const normaliseHeader = (h: string): string =>
  h.replace(/[（(][^）)]*[）)]/g, '').replace(/[\s_-]+/g, '').replace(/^\uFEFF/, '').toLowerCase()

export type ColumnMap<F extends string> = { index: Partial<Record<F, number>>; missing: string[] }

/** Which column holds each field (the first matching header wins); `missing` names the required fields absent, in Chinese. */
export function mapColumns<F extends string>(defs: ColumnDef<F>[], header: string[]): ColumnMap<F> {
  const norm = header.map(normaliseHeader)
  const index: Partial<Record<F, number>> = {}
  const missing: string[] = []
  for (const d of defs) {
    const wanted = new Set(d.headers.map(normaliseHeader))
    const i = norm.findIndex((h) => wanted.has(h))
    if (i >= 0) index[d.field] = i
    else if (d.required) missing.push(`${d.zh}/${d.headers.find((x) => /^[a-z_]+$/.test(x)) ?? d.field}`)
  }
  return { index, missing }
}
