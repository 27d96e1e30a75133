import { describe, expect, it } from 'vitest'
import { at, cnCalendar } from '../testing.js'
import { formatBeijing } from './beijing-time.js'
import { parseDuration } from './duration.js'
import { addWorkingTime, buildCalendar, hasYear, nextWorkingInstant, workingDaysBetween, workingMinutesBetween } from './working-calendar.js'

const cal = cnCalendar()
const add = (start: string, d: string): string => formatBeijing(addWorkingTime(at(start), parseDuration(d) ?? { days: 0, minutes: 0 }, cal))

describe('addWorkingTime on the 2025–2026 statutory calendar, 09:00–18:00 with lunch 12–13', () => {
  it.each([
    ['3 working days from the Friday before National Day 2025 (Sun 28 Sep is a workday)', '2025-09-26 10:00', '3d', '2025-09-30 10:00'],
    ['1 working day from 30 Sep 2025 jumps the 1–8 Oct holiday', '2025-09-30 10:00', '1d', '2025-10-09 10:00'],
    ['调休 Saturday 11 Oct 2025 counts', '2025-10-10 17:00', '2h', '2025-10-11 10:00'],
    ['an evening start begins the next working morning', '2026-03-02 20:00', '1h', '2026-03-03 10:00'],
    ['an early start begins at 09:00', '2026-03-02 07:00', '30m', '2026-03-02 09:30'],
    ['a lunch-time start begins at 13:00', '2026-03-02 12:30', '1h', '2026-03-02 14:00'],
    ['lunch does not count', '2026-03-02 11:00', '2h', '2026-03-02 14:00'],
    ['a full day from 09:00 ends at 18:00 that day', '2026-03-02 09:00', '1d', '2026-03-02 18:00'],
    ['weekends do not count', '2026-03-06 17:00', '2h', '2026-03-09 10:00'],
    ['cross-year over 元旦 2026 to the 调休 Sunday 4 Jan', '2025-12-31 17:00', '2h', '2026-01-04 10:00'],
    ['调休 Saturday 14 Feb 2026 before Spring Festival', '2026-02-13 17:00', '2h', '2026-02-14 10:00'],
    ['Spring Festival 2026 (15–23 Feb) does not count', '2026-02-14 17:00', '2h', '2026-02-24 10:00'],
    ['a day and a half', '2026-03-02 09:00', '1d4h', '2026-03-03 14:00'],
    ['zero adds nothing, even at night', '2026-03-02 22:00', '0h', '2026-03-02 22:00'],
    ['a year without statutory data falls back to weekends only (1 Jan 2027)', '2026-12-31 17:00', '2h', '2027-01-01 10:00'],
  ])('%s', (_why, start, d, expected) => {
    expect(add(start, d)).toBe(expected)
  })
})

describe('working time between two moments', () => {
  it.each([
    ['same day with lunch', '2026-03-02 09:00', '2026-03-02 18:00', 480, 1],
    ['over a weekend', '2026-03-06 17:00', '2026-03-09 10:00', 120, 0],
    ['over National Day 2026: 30 Sep, 8, 9 and the 调休 Sat 10 Oct', '2026-09-30 09:00', '2026-10-12 09:00', 480 * 4, 4],
    ['backwards is zero', '2026-03-03 09:00', '2026-03-02 09:00', 0, 0],
  ])('%s', (_why, from, to, minutes, days) => {
    expect(workingMinutesBetween(at(from), at(to), cal)).toBe(minutes)
    expect(workingDaysBetween(at(from), at(to), cal)).toBe(days)
  })
})

describe('buildCalendar', () => {
  it('cuts breaks out of the working day', () => {
    const c = buildCalendar({ start: '08:30', end: '17:30', breaks: [{ start: '12:00', end: '13:30' }] }, [])
    expect(c.windows).toEqual([[510, 720], [810, 1050]])
    expect(c.minutesPerDay).toBe(450)
  })
  it('works without a lunch break and with a six-day week', () => {
    const c = buildCalendar({ start: '09:00', end: '18:00' }, [], [0])
    expect(c.minutesPerDay).toBe(540)
    expect(formatBeijing(addWorkingTime(at('2026-03-06 17:00'), { days: 0, minutes: 120 }, c))).toBe('2026-03-07 10:00')
  })
  it.each([
    [{ start: '18:00', end: '09:00' }],
    [{ start: '9am', end: '18:00' }],
    [{ start: '09:00', end: '18:00', breaks: [{ start: '13:00', end: '12:00' }] }],
  ])('refuses nonsense hours %j', (hours) => {
    expect(() => buildCalendar(hours, [])).toThrow()
  })
  it('knows which years it has data for', () => {
    expect(hasYear(cal, at('2025-06-01 10:00'))).toBe(true)
    expect(hasYear(cal, at('2026-12-31 23:59'))).toBe(true)
    expect(hasYear(cal, at('2027-01-01 00:00'))).toBe(false)
  })
  it('refuses to loop forever on a calendar without working days', () => {
    const never = buildCalendar({ start: '09:00', end: '18:00' }, [], [0, 1, 2, 3, 4, 5, 6])
    expect(() => addWorkingTime(at('2026-03-02 09:00'), { days: 1, minutes: 0 }, never)).toThrow(/no working time/)
  })
})

describe('nextWorkingInstant', () => {
  it.each([
    ['2026-12-01 10:30', '2026-12-01 10:30'], // inside working hours: unchanged
    ['2026-12-01 18:00', '2026-12-02 09:00'], // end of day → next morning
    ['2026-12-01 12:15', '2026-12-01 13:00'], // lunch → after lunch
    ['2026-10-01 10:00', '2026-10-08 09:00'], // National Day (1–7 Oct) → first working day after it
    ['2026-09-20 07:00', '2026-09-20 09:00'], // an adjusted-workday Sunday (调休) counts as working
  ])('%s → %s', (from, to) => {
    expect(formatBeijing(nextWorkingInstant(at(from), cal))).toBe(to)
  })
})
