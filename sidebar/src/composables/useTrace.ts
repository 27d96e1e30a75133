import { inject, ref, type InjectionKey } from 'vue'
import {
  createTraceClient, importIssuesOf, type ContractItem, type ImportDone, type ImportKind, type ImportRowIssue, type PaymentItem,
  type TraceClient, type TraceRecord, type TraceView,
} from '../api/trace-contract.js'
import { useStep } from './useStep.js'

export const TRACE_API_KEY: InjectionKey<TraceClient> = Symbol('salespath-trace-api')

/** 业绩溯源: the payments and contracts in scope → one trace → one raw record; plus importing a sheet. */
export function useTrace() {
  const api = inject(TRACE_API_KEY, () => createTraceClient((i, init) => fetch(i, init)), true)
  const payments = ref<PaymentItem[]>([])
  const contracts = ref<ContractItem[]>([])
  const trace = ref<TraceView | null>(null)
  const record = ref<TraceRecord | null>(null)
  const imported = ref<ImportDone | null>(null)
  const issues = ref<ImportRowIssue[]>([])
  const { loading, error, step } = useStep()

  async function load() {
    const [p, c] = await Promise.all([step(() => api.payments()), step(() => api.contracts())])
    payments.value = p?.payments ?? []
    contracts.value = c?.contracts ?? []
  }

  async function open(q: { paymentId: string } | { contractId: string }) {
    const got = await step(() => api.trace(q))
    if (got) trace.value = got
  }

  /** A whole file or nothing: on refusal the rows at fault are listed and nothing changed, so the lists stay as they are. */
  async function importFile(kind: ImportKind, file: File) {
    imported.value = null
    issues.value = []
    const done = await step(() => api.importFile(kind, file))
    if (done) {
      imported.value = done
      await load()
    } else issues.value = importIssuesOf(error.value?.params)
  }

  function back() {
    if (record.value) record.value = null
    else trace.value = null
  }

  return { payments, contracts, trace, record, imported, issues, loading, error, load, open, importFile, back }
}
