import type { EntityManager } from 'typeorm'
import type { HeatmapConfig } from '../core/dashboard/heatmap-config.js'
import { buildHeatmap, lastWeeks, type HeatmapCell } from '../core/dashboard/heatmap.js'
import { dayToIso, toLocal } from '../core/timing/beijing-time.js'
import { customerNames, heatmapVisits, nodeAdvances } from './db/heatmap.repo.js'

const WEEK = 7 * 86_400_000
const isoWeek = (ms: number) => dayToIso(toLocal(new Date(ms)).day)
type Label = { zh: string; en: string }

export type HeatmapView = {
  weeks: string[]
  scores: Record<'intent' | 'gap' | 'chain', Label>
  departments: (Label & { key: string; cells: (Omit<HeatmapCell, 'week'> & { week: string })[] })[]
  red: { customerId: string; name: string; owner: string | null; departments: string[]; lastProgressAt: string }[]
}

export const SCORE_LABELS: HeatmapView['scores'] = {
  intent: { zh: '设备采购意向', en: 'Equipment purchase intent' },
  gap: { zh: '耗材用量缺口', en: 'Consumables usage gap' },
  chain: { zh: '决策链完整度', en: 'Decision-chain completeness' },
}

/**
 * The heatmap of the visits made by `ids` (null = the whole tenant): `count` weeks ending with the week holding
 * `at`, each department's scores and red count, and the last week's red customers with their names.
 */
export async function loadHeatmapView(m: EntityManager, cfg: HeatmapConfig, tenantId: string, ids: string[] | null, at: Date, count: number): Promise<HeatmapView> {
  const weeks = lastWeeks(at.getTime(), count)
  const until = new Date(weeks.at(-1)! + WEEK)
  const visits = await heatmapVisits(m, tenantId, ids, until)
  const customers = [...new Set(visits.map((v) => v.customerId))]
  const h = buildHeatmap(cfg, visits, await nodeAdvances(m, tenantId, customers, until), weeks)
  const names = await customerNames(m, tenantId, h.red.map((r) => r.customerId))
  return {
    weeks: weeks.map(isoWeek), scores: SCORE_LABELS,
    departments: h.departments.map((d) => {
      const o = cfg.department.options.find((x) => x.key === d.key)!
      return { key: d.key, zh: o.zh, en: o.en, cells: d.cells.map((c) => ({ ...c, week: isoWeek(c.week) })) }
    }),
    red: h.red.map((r) => ({ ...r, name: names.get(r.customerId)?.name ?? '', owner: names.get(r.customerId)?.owner ?? null,
      lastProgressAt: new Date(r.lastProgressAt).toISOString() })),
  }
}
