import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseHeatmapYaml } from './heatmap-config.js'
import { buildHeatmap, lastWeeks, weekStart, type HeatmapVisit } from './heatmap.js'

const parsed = parseHeatmapYaml(readFileSync(new URL('../../config/heatmap.yaml', import.meta.url), 'utf8'))
if (!parsed.ok) throw new Error('config/heatmap.yaml does not parse')
const cfg = parsed.value
const DAY = 86_400_000
const MONDAY = Date.parse('2026-11-22T16:00:00Z') // 2026-11-23 00:00 Beijing
const weeks = lastWeeks(MONDAY + 4 * DAY, 4) // the four weeks ending with the one of Friday 2026-11-27
const at = (week: number, day = 1) => weeks[week]! + day * DAY + 3_600_000
const v = (customerId: string, t: number, values: Record<string, unknown>): HeatmapVisit => ({ customerId, at: t, values })
const cell = (h: ReturnType<typeof buildHeatmap>, dept: string, week: number) => h.departments.find((d) => d.key === dept)!.cells[week]!

describe('weeks', () => {
  it('start on Monday 00:00 Beijing time, also for the last minute of Sunday', () => {
    expect(weekStart(MONDAY + 4 * DAY)).toBe(MONDAY)
    expect(weekStart(MONDAY - 60_000)).toBe(MONDAY - 7 * DAY)
    expect(weeks).toEqual([MONDAY - 21 * DAY, MONDAY - 14 * DAY, MONDAY - 7 * DAY, MONDAY])
  })
})

describe('buildHeatmap', () => {
  const visits = [
    v('a', at(0), { department: 'lab', purchaseIntent: 'evaluating', consumablesCurrent: 100, consumablesPotential: 400, rolesMet: ['director'] }),
    v('a', at(1), { department: 'lab', purchaseIntent: 'budgeted', rolesMet: ['equipmentDept'] }),
    v('b', at(1), { department: 'lab', purchaseIntent: 'none', consumablesCurrent: 300, consumablesPotential: 300, rolesMet: ['headNurse'] }),
    v('b', at(2), { department: 'icu', purchaseIntent: 'tendering' }),
  ]
  const h = buildHeatmap(cfg, visits, [], weeks)

  it('scores a department from the latest answers, roles met adding up', () => {
    expect(cell(h, 'lab', 0)).toMatchObject({ customers: 1, intent: 50, gap: 75, chain: 30 })
    // a: intent 80, gap 75, chain 30+20; b: intent 0, gap 0, chain 15
    expect(cell(h, 'lab', 1)).toMatchObject({ customers: 2, intent: 40, gap: 38, chain: 33 })
    expect(cell(h, 'icu', 1)).toMatchObject({ customers: 0, intent: 0 })
    expect(cell(h, 'icu', 2)).toMatchObject({ customers: 1, intent: 100, gap: 0, chain: 0 })
  })

  it('flags a customer red after two whole weeks without progress, and counts it in its departments', () => {
    expect(h.red.map((r) => r.customerId)).toEqual(['a'])
    expect(h.red[0]).toMatchObject({ departments: ['lab'], lastProgressAt: at(1) })
    expect(cell(h, 'lab', 3).red).toBe(1)
    expect(cell(h, 'lab', 2).red).toBe(0)
  })

  it('does not count a visit that changed nothing as progress', () => {
    const same = { department: 'lab', purchaseIntent: 'aware' }
    const r = buildHeatmap(cfg, [v('c', at(0), same), v('c', at(2), same), v('c', at(3), same)], [], weeks)
    expect(r.red.map((x) => x.customerId)).toEqual(['c'])
  })

  it('counts an opportunity entering a node as progress', () => {
    const r = buildHeatmap(cfg, [v('c', at(0), { department: 'lab' })], [{ customerId: 'c', at: at(2) }], weeks)
    expect(r.red).toEqual([])
  })

  const arbVisit = fc.record({
    customerId: fc.constantFrom('a', 'b', 'c'), at: fc.integer({ min: weeks[0]!, max: weeks[3]! + 7 * DAY - 1 }),
    values: fc.record({
      department: fc.constantFrom(...cfg.department.options.map((o) => o.key)),
      purchaseIntent: fc.constantFrom('none', 'aware', 'evaluating', 'budgeted', 'tendering'),
      consumablesCurrent: fc.integer({ min: 0, max: 1000 }), consumablesPotential: fc.integer({ min: 0, max: 1000 }),
      rolesMet: fc.subarray(['director', 'headNurse', 'equipmentDept', 'procurement', 'leadership']),
    }, { requiredKeys: ['department'] }),
  })

  it('keeps every score within 0–100 and the decision chain never falls from one week to the next', () => {
    fc.assert(fc.property(fc.array(arbVisit, { maxLength: 40 }), (vs) => {
      const r = buildHeatmap(cfg, vs, [], weeks)
      for (const d of r.departments) {
        for (const c of d.cells) for (const s of [c.intent, c.gap, c.chain]) expect(s >= 0 && s <= 100).toBe(true)
        const single = vs.every((x) => x.customerId === 'a')
        if (single) d.cells.slice(1).forEach((c, i) => expect(c.chain).toBeGreaterThanOrEqual(d.cells[i]!.chain))
      }
    }))
  })

  // Visits at distinct times (`at + i` could still collide); the loader orders equal times by id.
  it('gives the same heatmap whatever order the visits arrive in', () => {
    fc.assert(fc.property(fc.uniqueArray(arbVisit, { maxLength: 30, selector: (x) => x.at }), (vs) => {
      expect(buildHeatmap(cfg, [...vs].reverse(), [], weeks)).toEqual(buildHeatmap(cfg, vs, [], weeks))
    }))
  })
})
