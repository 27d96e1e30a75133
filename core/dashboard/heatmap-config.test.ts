import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseHeatmapYaml } from './heatmap-config.js'

const shipped = readFileSync(new URL('../../config/heatmap.yaml', import.meta.url), 'utf8')

describe('parseHeatmapYaml', () => {
  it('accepts the shipped config/heatmap.yaml with its seven departments and three scores', () => {
    const r = parseHeatmapYaml(shipped)
    expect(r.ok && r.value.department.options.map((o) => o.zh)).toContain('检验科')
    expect(r.ok && Object.keys(r.value.scores)).toEqual(['intent', 'gap', 'chain'])
  })

  it('points at the line of a score that reads a field of the wrong type', () => {
    const text = shipped.replace('intent: { kind: option, field: purchaseIntent }', 'intent: { kind: option, field: rolesMet }')
    const r = parseHeatmapYaml(text, 'heatmap.yaml')
    expect(r.ok).toBe(false)
    const line = text.split('\n').findIndex((l) => l.includes('field: rolesMet }')) + 1
    expect(!r.ok && r.error.map((i) => [i.code, i.line, i.en])).toEqual([['HEATMAP_CONFIG_INVALID', line,
      'Invalid heatmap configuration: scores.intent.field: rolesMet must be a select field']])
  })

  it('refuses an option score above 100, a duplicated field key and a score reading the field now gone, each at its line', () => {
    const text = shipped.replace('score: 100 }', 'score: 120 }').replace('key: consumablesPotential', 'key: consumablesCurrent')
    const r = parseHeatmapYaml(text, 'heatmap.yaml')
    expect(!r.ok && r.error.map((i) => i.line).sort((a, b) => a - b)).toEqual([
      text.split('\n').findIndex((l) => l.includes('score: 120')) + 1,
      text.split('\n').findIndex((l, i, a) => l.includes('key: consumablesCurrent') && a.slice(0, i).some((x) => x.includes('key: consumablesCurrent'))) + 1,
      text.split('\n').findIndex((l) => l.includes('gap: { kind: gap')) + 1,
    ])
  })

  it('reports a YAML syntax error with its position', () => {
    const r = parseHeatmapYaml('department: [\n', 'h.yaml')
    expect(!r.ok && r.error[0]?.code).toBe('PROCESS_YAML_SYNTAX')
  })
})
