import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseCalendarYaml, parseWorkingHours } from './calendar-yaml.js'

const file = (year: number) => readFileSync(new URL(`../../config/calendars/cn-${year}.yaml`, import.meta.url), 'utf8')

describe('config/calendars against the State Council notices', () => {
  it.each([
    [2025, ['2025-10-01', '2025-10-08', '2025-01-28', '2025-02-04', '2025-05-05', '2025-06-02'], ['2025-09-28', '2025-10-11', '2025-01-26', '2025-02-08', '2025-04-27']],
    [2026, ['2026-01-02', '2026-02-15', '2026-02-23', '2026-05-05', '2026-10-07'], ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']],
  ])('%i', (year, off, work) => {
    const r = parseCalendarYaml(file(year), `cn-${year}.yaml`)
    if (!r.ok) throw new Error(JSON.stringify(r.error))
    expect(r.value.year).toBe(year)
    expect(r.value.holidays).toEqual(expect.arrayContaining(off))
    expect(r.value.workdays).toEqual(expect.arrayContaining(work))
    expect(r.value.holidays).not.toContain(`${year}-10-09`)
  })
})

describe('parseCalendarYaml refuses bad data with a line', () => {
  it.each([
    ['a date of another year', 'year: 2026\nsource: x\nholidays:\n  - { date: 2025-10-01, name: 国庆 }\nworkdays: []\n', 4],
    ['an impossible date', 'year: 2026\nsource: x\nholidays:\n  - { date: 2026-02-30, name: 春节 }\nworkdays: []\n', 4],
    ['a day both off and on', 'year: 2026\nsource: x\nholidays:\n  - { date: 2026-10-01, name: a }\nworkdays:\n  - { date: 2026-10-01, name: a }\n', 4],
    ['broken YAML', 'year: 2026\nholidays: [\n', 3],
    ['a missing field', 'year: 2026\nholidays: []\nworkdays: []\n', 1],
  ])('%s', (_why, text, line) => {
    const r = parseCalendarYaml(text, 'cn-x.yaml')
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error[0]).toMatchObject({ file: 'cn-x.yaml', line })
  })
})

describe('parseWorkingHours', () => {
  it('accepts office hours with lunch', () => {
    expect(parseWorkingHours({ start: '09:00', end: '18:00', breaks: [{ start: '12:00', end: '13:00' }] }).ok).toBe(true)
  })
  it.each([[{ start: '18:00', end: '09:00' }], [{ start: '09:00' }], [{ start: '09:00', end: '18:00', breaks: [{ start: '13:00', end: '12:00' }] }]])(
    'refuses %j', (hours) => {
      expect(parseWorkingHours(hours).ok).toBe(false)
    })
})
