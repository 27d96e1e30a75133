import { canonicalJson } from '../canonical-json.js'
import type { HeatmapConfig, ScoreName, ScoreRule } from './heatmap-config.js'

/** What a customer department looks like after its visits so far: the latest answer per field, roles met accumulated. */
export type DepartmentState = Readonly<Record<string, string | number | readonly string[]>>
export type Scores = Record<ScoreName, number>

/** The state after one more visit's answers: single answers replace, multi answers add to what was met before. */
export function applyVisit(cfg: HeatmapConfig, before: DepartmentState, values: Readonly<Record<string, unknown>>): DepartmentState {
  const next: Record<string, string | number | readonly string[]> = { ...before }
  for (const f of cfg.fields) {
    const v = values[f.key]
    if (f.type === 'multi' && Array.isArray(v)) {
      const had = (before[f.key] as readonly string[] | undefined) ?? []
      next[f.key] = [...new Set([...had, ...v.filter((x): x is string => typeof x === 'string')])].sort()
    } else if (f.type === 'number' && typeof v === 'number' && Number.isFinite(v)) next[f.key] = v
    else if (f.type === 'select' && typeof v === 'string') next[f.key] = v
  }
  return next
}

/** Whether a visit moved the department on: any answer differs from what was known (a first visit always does). */
export const changed = (before: DepartmentState | undefined, after: DepartmentState): boolean =>
  before === undefined || canonicalJson(before) !== canonicalJson(after)

const clamp = (x: number) => Math.max(0, Math.min(100, Math.round(x)))

function optionScores(cfg: HeatmapConfig, key: string): Map<string, number> {
  const f = cfg.fields.find((x) => x.key === key)
  return new Map(f && f.type !== 'number' ? f.options.map((o) => [o.key, o.score]) : [])
}

function scoreOf(cfg: HeatmapConfig, rule: ScoreRule, s: DepartmentState): number {
  switch (rule.kind) {
    case 'option': return clamp(optionScores(cfg, rule.field).get(String(s[rule.field] ?? '')) ?? 0)
    case 'coverage': {
      const scores = optionScores(cfg, rule.field)
      return clamp(((s[rule.field] as readonly string[] | undefined) ?? []).reduce((n, k) => n + (scores.get(k) ?? 0), 0))
    }
    case 'gap': {
      const potential = Number(s[rule.potential] ?? 0)
      const current = Number(s[rule.current] ?? 0)
      return potential > 0 ? clamp((100 * (potential - current)) / potential) : 0
    }
  }
}

/** The three 0–100 scores of one customer department. */
export const scoresOf = (cfg: HeatmapConfig, s: DepartmentState): Scores =>
  ({ intent: scoreOf(cfg, cfg.scores.intent, s), gap: scoreOf(cfg, cfg.scores.gap, s), chain: scoreOf(cfg, cfg.scores.chain, s) })
