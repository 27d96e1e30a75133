import { err, ok, type Result } from '../result.js'
import type { HeatmapConfig } from './heatmap-config.js'

export type HeatmapValues = Record<string, string | number | string[]>

/**
 * A visit's heatmap answers checked against the config: the department is one of the configured ones, a select
 * answer one of its options, a multi answer a list of them, a number finite and not negative. Unknown keys are
 * refused; every field but the department may be left out. The refusal names the first bad field.
 */
export function parseHeatmapValues(cfg: HeatmapConfig, raw: unknown): Result<HeatmapValues, string> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return err('(heatmap): not an object')
  const input = raw as Record<string, unknown>
  const dept = input[cfg.department.field]
  if (typeof dept !== 'string' || !cfg.department.options.some((o) => o.key === dept)) return err(`${cfg.department.field}: not a configured department`)
  const out: HeatmapValues = { [cfg.department.field]: dept }
  for (const key of Object.keys(input)) {
    if (key === cfg.department.field) continue
    const f = cfg.fields.find((x) => x.key === key)
    const v = input[key]
    if (!f) return err(`${key}: not a heatmap field`)
    if (v === null || v === undefined) continue
    if (f.type === 'number') {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1e9) return err(`${key}: a number from 0`)
      out[key] = v
    } else if (f.type === 'select') {
      if (typeof v !== 'string' || !f.options.some((o) => o.key === v)) return err(`${key}: not one of its options`)
      out[key] = v
    } else {
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || !f.options.some((o) => o.key === x))) return err(`${key}: not a list of its options`)
      out[key] = [...new Set(v as string[])]
    }
  }
  return ok(out)
}
