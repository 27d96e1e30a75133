import type { I18nText } from './contract.js'
import { requestJson, type FetchFn } from './request.js'

/** Shapes of bot/routes/dashboard-heatmap.route.ts and knowledge.route.ts. */
export type ScoreName = 'intent' | 'gap' | 'chain'
export type HeatmapCell = { week: string; customers: number; red: number } & Record<ScoreName, number>
export type HeatmapView = {
  weeks: string[]
  scores: Record<ScoreName, I18nText>
  departments: (I18nText & { key: string; cells: HeatmapCell[] })[]
  red: { customerId: string; name: string; owner: string | null; departments: string[]; lastProgressAt: string }[]
}
type Option = I18nText & { key: string; score?: number }
/** GET /api/heatmap-form: the visit-form fields behind the heatmap (config/heatmap.yaml). */
export type HeatmapForm = {
  department: { field: string; options: Option[] }
  fields: (I18nText & { key: string } & ({ type: 'select' | 'multi'; options: Option[] } | { type: 'number' }))[]
}
export type HeatmapAnswers = Record<string, string | number | string[]>
export type KnowledgeKind = 'insight' | 'script' | 'sop'
export type KnowledgeStatus = 'draft' | 'reviewed' | 'reusable'
export type KnowledgeItem = {
  id: string; kind: KnowledgeKind; title: string; body: string; status: KnowledgeStatus; authorId: string; author: string
  department: string | null; reviewer: string | null; reviewedAt: string | null; approver: string | null; approvedAt: string | null
  createdAt: string; canReview: boolean
}
export type QuarterRate = { quarter: string; insight: number; script: number; sop: number; approved: number; opportunities: number; rate: number | null }
export type AssetRateView = {
  quarters: string[]
  teams: { teamId: string; name: string; quarters: QuarterRate[]; trend: { delta: number | null; direction: 'up' | 'down' | 'flat' | null } }[]
}

const qs = (q: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => e[1] !== undefined)).toString()

export const HEATMAP_PATHS = {
  heatmap: (q: { week?: string; weeks?: string }) => `/api/dashboard/heatmap?${qs(q)}`,
  heatmapXlsx: (q: { week?: string; weeks?: string }) => `/api/dashboard/export/heatmap.xlsx?${qs(q)}`,
  knowledge: (status?: KnowledgeStatus) => `/api/knowledge?${qs({ status })}`,
  review: (id: string) => `/api/knowledge/${encodeURIComponent(id)}/review`,
  assetRate: '/api/dashboard/asset-rate?quarters=4',
}

/** Typed calls to the heatmap and knowledge routes; failures throw ApiError like the sidebar's client. */
export function createHeatmapClient(fetchFn: FetchFn, baseUrl = '') {
  const call = <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => requestJson<T>(fetchFn, baseUrl + path,
    body ? { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : { method })
  return {
    form: () => call<HeatmapForm>('GET', '/api/heatmap-form'),
    heatmap: (q: { week?: string; weeks?: string }) => call<HeatmapView>('GET', HEATMAP_PATHS.heatmap(q)),
    knowledge: (status?: KnowledgeStatus) => call<{ items: KnowledgeItem[] }>('GET', HEATMAP_PATHS.knowledge(status)),
    write: (item: { kind: KnowledgeKind; title: string; body: string }) => call<KnowledgeItem>('POST', '/api/knowledge', item),
    review: (id: string, to: KnowledgeStatus) => call<KnowledgeItem>('POST', HEATMAP_PATHS.review(id), { to }),
    assetRate: () => call<AssetRateView>('GET', HEATMAP_PATHS.assetRate),
  }
}
export type HeatmapClient = ReturnType<typeof createHeatmapClient>
