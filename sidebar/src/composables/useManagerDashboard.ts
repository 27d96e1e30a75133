import { inject, ref, type InjectionKey } from 'vue'
import {
  createDashboardClient, type CellColour, type CellQuery, type CellRun, type CoachingView, type DashboardClient, type MatrixView,
  type ProcessSummary, type RunRecord,
} from '../api/dashboard-contract.js'
import { useStep } from './useStep.js'

export const DASHBOARD_API_KEY: InjectionKey<DashboardClient> = Symbol('salespath-dashboard-api')

/** The manager page's state: matrix → a cell's runs → one run's records, each a step the back button undoes. */
export function useManagerDashboard() {
  const api = inject(DASHBOARD_API_KEY, () => createDashboardClient((i, init) => fetch(i, init)), true)
  const processes = ref<ProcessSummary[]>([])
  const processId = ref('')
  const matrix = ref<MatrixView | null>(null)
  const cell = ref<CellQuery | null>(null)
  const runs = ref<CellRun[]>([])
  const record = ref<RunRecord | null>(null)
  const coaching = ref<CoachingView | null>(null)
  const { loading, error, step } = useStep()

  async function load(id?: string) {
    if (!processes.value.length) processes.value = (await step(() => api.processes()))?.processes ?? []
    processId.value = id ?? processId.value ?? ''
    if (!processId.value) processId.value = processes.value[0]?.id ?? ''
    if (!processId.value) return
    cell.value = null
    record.value = null
    matrix.value = await step(() => api.matrix({ processId: processId.value }))
  }

  async function openCell(memberId: string, node: string, colour: CellColour) {
    const q: CellQuery = { processId: processId.value, memberId, node, colour }
    const got = await step(() => api.cell(q))
    if (!got) return
    cell.value = q
    runs.value = got.runs
  }

  async function openRun(id: string) {
    const got = await step(() => api.run(id))
    if (got) record.value = got
  }

  /** 精准带教 for a node: the slowest recent hires (default: hired in the last 6 months). */
  async function loadCoaching(node: string, months = 6) {
    coaching.value = await step(() => api.coaching({ processId: processId.value, node, months }))
  }

  function back() {
    if (record.value) record.value = null
    else cell.value = null
  }

  return { processes, processId, matrix, cell, runs, record, coaching, loading, error, load, openCell, openRun, loadCoaching, back }
}
