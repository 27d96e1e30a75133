import type { I18nText } from './contract.js'
import { requestJson, type FetchFn } from './request.js'

/** Shapes of the bot's 业绩溯源 routes (bot/routes/trace-*.route.ts). */
export type TraceStepKind = 'payment' | 'contract' | 'approval' | 'quote' | 'need' | 'first_visit' | 'check_ins'
export type TraceFlag = I18nText & { code: string }
export type TraceAudit = { seq: number; at: string; actor: string; action: string; data: Record<string, unknown>; intact: boolean }
export type TraceRecord = {
  id: string; kind: string; at: string; memberId: string | null; member: string | null; summary: string; data: Record<string, unknown>
  restricted: boolean; url: string | null; audit: TraceAudit[]
}
export type TraceStep = { kind: TraceStepKind; at: string | null; records: TraceRecord[]; flags: TraceFlag[] }
export type TraceView = {
  contract: { id: string; number: string; title: string; customer: string; opportunityId: string }
  focusPaymentId: string | null; steps: TraceStep[]
}
export type ContractItem = { id: string; number: string; amount: string; signedOn: string; approvalRef: string | null; source: string; title: string; customer: string
  owner: string; paid: string; payments: number }
export type PaymentItem = { id: string; reference: string; amount: string; paidOn: string; source: string; contractId: string
  contractNumber: string; customer: string; owner: string }
export type ImportKind = 'contracts' | 'payments'
export type ImportDone = { inserted: number; unchanged: number }
export type ImportRowIssue = { row: number; code: string; message: I18nText }

export const TRACE_PATHS = {
  trace: (q: { paymentId: string } | { contractId: string }) => `/api/dashboard/trace?${new URLSearchParams(q).toString()}`,
  contracts: '/api/dashboard/contracts',
  payments: '/api/dashboard/payments',
  import: '/api/dashboard/import',
  contractsXlsx: '/api/dashboard/export/contracts.xlsx',
  paymentsXlsx: '/api/dashboard/export/payments.xlsx',
}

/** The rows a refused import names, from the error's params (IMPORT_ROWS_INVALID). */
export const importIssuesOf = (params: Record<string, unknown> | undefined): ImportRowIssue[] =>
  Array.isArray(params?.rows) ? (params.rows as ImportRowIssue[]) : []

export function createTraceClient(fetchFn: FetchFn, baseUrl = '') {
  const call = <T>(path: string, init: RequestInit): Promise<T> => requestJson<T>(fetchFn, baseUrl + path, init)
  return {
    trace: (q: { paymentId: string } | { contractId: string }) => call<TraceView>(TRACE_PATHS.trace(q), { method: 'GET' }),
    contracts: () => call<{ contracts: ContractItem[] }>(TRACE_PATHS.contracts, { method: 'GET' }),
    payments: () => call<{ payments: PaymentItem[] }>(TRACE_PATHS.payments, { method: 'GET' }),
    /** The browser sets the multipart boundary itself, so no content-type here. */
    importFile: (kind: ImportKind, file: File) => {
      const form = new FormData()
      form.set('kind', kind)
      form.set('file', file)
      return call<ImportDone>(TRACE_PATHS.import, { method: 'POST', body: form })
    },
  }
}
export type TraceClient = ReturnType<typeof createTraceClient>
