import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseHeatmapYaml } from './heatmap-config.js'
import { parseHeatmapValues } from './heatmap-input.js'

const parsed = parseHeatmapYaml(readFileSync(new URL('../../config/heatmap.yaml', import.meta.url), 'utf8'))
if (!parsed.ok) throw new Error('config/heatmap.yaml does not parse')
const cfg = parsed.value

describe('parseHeatmapValues', () => {
  it('keeps valid answers and drops repeated roles', () => {
    expect(parseHeatmapValues(cfg, { department: 'icu', purchaseIntent: 'budgeted', consumablesCurrent: 10, rolesMet: ['director', 'director'] }))
      .toEqual({ ok: true, value: { department: 'icu', purchaseIntent: 'budgeted', consumablesCurrent: 10, rolesMet: ['director'] } })
  })
  it.each([
    [{ purchaseIntent: 'aware' }, 'department: not a configured department'],
    [{ department: 'dentistry' }, 'department: not a configured department'],
    [{ department: 'lab', purchaseIntent: 'maybe' }, 'purchaseIntent: not one of its options'],
    [{ department: 'lab', rolesMet: ['janitor'] }, 'rolesMet: not a list of its options'],
    [{ department: 'lab', consumablesCurrent: -1 }, 'consumablesCurrent: a number from 0'],
    [{ department: 'lab', colour: 'red' }, 'colour: not a heatmap field'],
    [[], '(heatmap): not an object'],
  ])('%j → %s', (input, why) => {
    expect(parseHeatmapValues(cfg, input)).toEqual({ ok: false, error: why })
  })
})
