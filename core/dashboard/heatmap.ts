import { fromLocal, MS_PER_DAY, toLocal, weekdayOf } from '../timing/beijing-time.js'
import type { HeatmapConfig } from './heatmap-config.js'
import { applyVisit, changed, scoresOf, type DepartmentState, type Scores } from './heatmap-state.js'

const WEEK = 7 * MS_PER_DAY
/** A customer is red when nothing moved for this long before the end of the week: two whole weeks. */
export const QUIET_MS = 2 * WEEK

/** A visit's heatmap answers (department field included), at its time in ms. */
export type HeatmapVisit = { customerId: string; at: number; values: Readonly<Record<string, unknown>> }
/** An opportunity of the customer entering a new node: progress even without a visit. */
export type NodeAdvance = { customerId: string; at: number }

export type HeatmapCell = Scores & { week: number; customers: number; red: number }
export type RedCustomer = { customerId: string; departments: string[]; lastProgressAt: number }
export type Heatmap = { weeks: number[]; departments: { key: string; cells: HeatmapCell[] }[]; red: RedCustomer[] }

/** Monday 00:00 Beijing time of the week holding `at` (ms). */
export function weekStart(at: number): number {
  const { day } = toLocal(new Date(at))
  return fromLocal(day - ((weekdayOf(day) + 6) % 7), 0).getTime()
}

/** The `count` week starts ending with the week holding `at`, oldest first. */
export const lastWeeks = (at: number, count: number): number[] =>
  Array.from({ length: count }, (_, i) => weekStart(at) - (count - 1 - i) * WEEK)

type Sweep = { states: Map<string, DepartmentState>; progress: Map<string, number>; depts: Map<string, Set<string>> }

function step(cfg: HeatmapConfig, s: Sweep, v: HeatmapVisit): void {
  const dept = v.values[cfg.department.field]
  if (typeof dept !== 'string') return
  const key = `${v.customerId}\u0000${dept}`
  const before = s.states.get(key)
  const after = applyVisit(cfg, before ?? {}, v.values)
  s.states.set(key, after)
  s.depts.set(v.customerId, (s.depts.get(v.customerId) ?? new Set()).add(dept))
  if (changed(before, after)) s.progress.set(v.customerId, Math.max(s.progress.get(v.customerId) ?? -Infinity, v.at))
}

function redAt(s: Sweep, end: number): RedCustomer[] {
  return [...s.depts.entries()].flatMap(([customerId, depts]) => {
    const last = s.progress.get(customerId) ?? -Infinity
    return last < end - QUIET_MS ? [{ customerId, departments: [...depts].sort(), lastProgressAt: last }] : []
  }).sort((a, b) => a.lastProgressAt - b.lastProgressAt || a.customerId.localeCompare(b.customerId))
}

function cellsAt(cfg: HeatmapConfig, s: Sweep, week: number, red: RedCustomer[]): Map<string, HeatmapCell> {
  const out = new Map<string, HeatmapCell>()
  for (const o of cfg.department.options) {
    const states = [...s.states.entries()].filter(([k]) => k.endsWith(`\u0000${o.key}`)).map(([, st]) => scoresOf(cfg, st))
    const mean = (f: keyof Scores) => (states.length ? Math.round(states.reduce((n, x) => n + x[f], 0) / states.length) : 0)
    out.set(o.key, { week, customers: states.length, intent: mean('intent'), gap: mean('gap'), chain: mean('chain'),
      red: red.filter((r) => r.departments.includes(o.key)).length })
  }
  return out
}

/**
 * 科室需求热力图: per configured department and week, the mean scores of the customer departments visited up to
 * that week's end, and how many of their customers are red — no progress (a visit that changed an answer, or
 * an opportunity entering a node) in the two weeks before the week's end. `red` lists the last week's red customers.
 */
export function buildHeatmap(cfg: HeatmapConfig, visits: readonly HeatmapVisit[], advances: readonly NodeAdvance[], weeks: readonly number[]): Heatmap {
  const events = [...visits.map((v) => ({ at: v.at, v })), ...advances.map((a) => ({ at: a.at, a }))].sort((x, y) => x.at - y.at)
  const s: Sweep = { states: new Map(), progress: new Map(), depts: new Map() }
  const byDept = new Map<string, HeatmapCell[]>(cfg.department.options.map((o) => [o.key, []]))
  let i = 0
  let red: RedCustomer[] = []
  for (const week of weeks) {
    const end = week + WEEK
    for (; i < events.length && events[i]!.at < end; i++) {
      const e = events[i]!
      if ('v' in e) step(cfg, s, e.v)
      else s.progress.set(e.a.customerId, Math.max(s.progress.get(e.a.customerId) ?? -Infinity, e.a.at))
    }
    red = redAt(s, end)
    for (const [k, c] of cellsAt(cfg, s, week, red)) byDept.get(k)!.push(c)
  }
  return { weeks: [...weeks], departments: [...byDept.entries()].map(([key, cells]) => ({ key, cells })), red }
}
