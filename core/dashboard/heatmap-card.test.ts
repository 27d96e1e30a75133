import { describe, expect, it } from 'vitest'
import { isoToDay } from '../timing/beijing-time.js'
import { buildCalendar } from '../timing/working-calendar.js'
import { heatmapCard, isLastWorkingDayOfWeek } from './heatmap-card.js'

const hours = { start: '09:00', end: '18:00' }
const day = (iso: string) => isoToDay(iso)!
const cal = buildCalendar(hours, [{ year: 2026, holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'], workdays: ['2026-10-10'] }])

describe('isLastWorkingDayOfWeek', () => {
  it.each([
    ['2026-11-20', true], // an ordinary Friday
    ['2026-11-19', false],
    ['2026-11-21', false], // Saturday, a rest day
    ['2026-10-09', false], // Friday before a 调休 Saturday
    ['2026-10-10', true], // the 调休 Saturday itself
    ['2026-10-01', false], // National Day holiday
  ])('%s → %s', (iso, want) => {
    expect(isLastWorkingDayOfWeek(cal, day(iso))).toBe(want)
  })
  it('moves to Thursday when Friday is a holiday', () => {
    const c = buildCalendar(hours, [{ year: 2026, holidays: ['2026-12-25'], workdays: [] }])
    expect([isLastWorkingDayOfWeek(c, day('2026-12-24')), isLastWorkingDayOfWeek(c, day('2026-12-25'))]).toEqual([true, false])
  })
})

describe('heatmapCard', () => {
  const cells = (intent: number, gap: number, chain: number, customers = 1) => [{ intent: 0, gap: 0, chain: 0, customers: 0 }, { intent, gap, chain, customers }]
  const summary = { week: '2026-11-16', red: 2, departments: [
    { zh: '检验科', en: 'Laboratory', cells: cells(80, 20, 50, 3) }, { zh: '心内科', en: 'Cardiology', cells: cells(30, 90, 10) },
    { zh: '超声科', en: 'Ultrasound', cells: cells(100, 100, 0, 0) }] }

  it('names the standout departments of the last week among those visited, with the red count and the link', () => {
    const c = heatmapCard(summary, 'zh', 'https://sp.example/sidebar/?view=heatmap&week=2026-11-16', 'heatmap_2026-11-16_m1')
    expect(c.title).toBe('本周科室需求热力图 2026-11-16')
    expect(c.description).toBe('团队已跟进 4 个客户科室')
    expect(c.fields).toEqual([{ label: '红灯客户（两周无进展）', value: '2' }, { label: '采购意向最高', value: '检验科 80' },
      { label: '耗材缺口最大', value: '心内科 90' }, { label: '决策链最薄弱', value: '心内科 10' }])
    expect(c.url).toContain('view=heatmap')
  })

  it('speaks English and says none when nothing was visited', () => {
    const c = heatmapCard({ ...summary, departments: [summary.departments[2]!] }, 'en', 'u', 't')
    expect(c.fields.map((f) => f.value)).toEqual(['2', 'none', 'none', 'none'])
    expect(c.openLabel).toBe('Open heatmap')
    expect(c.buttons).toEqual([])
  })
})
