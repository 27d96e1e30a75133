import { requestJson, type FetchFn } from './request.js'
import type { I18nText } from './contract.js'

/** Shapes of the bot's /api/dashboard routes (bot/routes/dashboard*.route.ts), shared by the manager pages. */
export type RunStatus = 'on_time' | 'made_up' | 'overdue' | 'open' | 'not_reached'
export type CellColour = 'green' | 'yellow' | 'red' | 'blue' | 'grey'
export type MatrixCell = { node: string; counts: Record<RunStatus, number>; total: number; colour: CellColour }
export type MatrixRow = { memberId: string; name: string; cells: MatrixCell[] }
export type MatrixView = {
  processId: string; from: string; to: string; nodes: string[]; rows: MatrixRow[]; nodeNames: Record<string, I18nText>
}
export type ProcessSummary = { id: string; name: I18nText; nodes: { key: string; name: I18nText }[] }
export type CellRun = {
  id: string; opportunityId: string; title: string; customer: string; owner: string; node: string
  enteredAt: string; dueAt: string | null; doneAt: string | null; status: RunStatus
}
export type CellQuery = { processId: string; memberId: string; node: string; colour: CellColour; from?: string; to?: string }
export type RunRecord = {
  run: CellRun & { exit: string | null; ownerId: string }
  deliverables: { id: string; kind: string; data: Record<string, unknown>; arrivedAt: string; mime: string | null; url: string | null }[]
  quotes: { id: string; status: string; ocr: Record<string, unknown>; confirmed: Record<string, unknown> | null; createdAt: string; url: string | null }[]
  activities: { id: string; kind: string; summary: string; data: Record<string, unknown> & { anomalies?: unknown[] }; member: string | null
    occurredAt: string; deviceAt: string | null; receivedAt: string; photoUrl: string | null }[]
  audit: { seq: number; at: string; actor: string; entity: string; entityId: string; action: string; intact: boolean }[]
}

export type CoachingPick = {
  memberId: string; name: string; hireDate: string; onTime: number; madeUp: number; overdue: number; decided: number; onTimeRate: number
  last: CellRun[]
}
export type CoachingView = { processId: string; node: string; since: string; reps: CoachingPick[] }

const qs = (q: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => e[1] !== undefined)).toString()

export const DASHBOARD_PATHS = {
  processes: '/api/dashboard/processes',
  matrix: (q: { processId: string; from?: string; to?: string }) => `/api/dashboard/matrix?${qs(q)}`,
  cell: (q: CellQuery) => `/api/dashboard/cell?${qs(q)}`,
  run: (id: string) => `/api/dashboard/node-runs/${encodeURIComponent(id)}`,
  coaching: (q: { processId: string; node: string; months: number }) => `/api/dashboard/coaching?${qs({ ...q, months: String(q.months) })}`,
  matrixXlsx: (q: { processId: string; from?: string; to?: string }) => `/api/dashboard/export/matrix.xlsx?${qs(q)}`,
  cellXlsx: (q: CellQuery) => `/api/dashboard/export/cell.xlsx?${qs(q)}`,
}

/** Typed GETs to the dashboard routes; failures throw ApiError like the sidebar's client. */
export function createDashboardClient(fetchFn: FetchFn, baseUrl = '') {
  const get = <T>(path: string): Promise<T> => requestJson<T>(fetchFn, baseUrl + path, { method: 'GET' })
  return {
    processes: () => get<{ processes: ProcessSummary[] }>(DASHBOARD_PATHS.processes),
    matrix: (q: { processId: string; from?: string; to?: string }) => get<MatrixView>(DASHBOARD_PATHS.matrix(q)),
    cell: (q: CellQuery) => get<{ runs: CellRun[] }>(DASHBOARD_PATHS.cell(q)),
    run: (id: string) => get<RunRecord>(DASHBOARD_PATHS.run(id)),
    coaching: (q: { processId: string; node: string; months: number }) => get<CoachingView>(DASHBOARD_PATHS.coaching(q)),
  }
}
export type DashboardClient = ReturnType<typeof createDashboardClient>
