import { describe, expect, it } from 'vitest'
import { dayToIso, formatBeijing, isoToDay, parseBeijing, parseClock, toLocal, weekdayOf } from './beijing-time.js'
import { formatDuration, parseDuration } from './duration.js'

describe('Beijing time with a fixed +8 offset', () => {
  it.each([
    ['2026-03-02 09:00', '2026-03-02T01:00:00.000Z'],
    ['2026-01-01 00:00', '2025-12-31T16:00:00.000Z'],
    ['2026-03-02T23:59', '2026-03-02T15:59:00.000Z'],
    ['2026-03-02', '2026-03-01T16:00:00.000Z'],
  ])('%s is %s', (local, utc) => {
    expect(parseBeijing(local)?.toISOString()).toBe(utc)
    expect(formatBeijing(new Date(utc))).toBe(local.length === 10 ? `${local} 00:00` : local.replace('T', ' '))
  })
  it.each(['2026-02-30 09:00', '2026-03-02 24:00', 'yesterday', '2026-3-2'])('rejects %s', (bad) => {
    expect(parseBeijing(bad)).toBeNull()
  })
  it('knows weekdays (2026-03-02 was a Monday) and round-trips days', () => {
    const day = toLocal(new Date('2026-03-02T01:00:00Z')).day
    expect(weekdayOf(day)).toBe(1)
    expect(isoToDay(dayToIso(day))).toBe(day)
    expect(weekdayOf(-1)).toBe(3)
  })
  it.each([['09:00', 540], ['24:00', 1440], ['00:00', 0], ['24:01', null], ['9:00', null], ['12:60', null]])('clock %s', (s, m) => {
    expect(parseClock(s)).toBe(m)
  })
})

describe('working durations', () => {
  it.each([
    ['3d', { days: 3, minutes: 0 }, '3d'],
    ['4h', { days: 0, minutes: 240 }, '4h'],
    ['1d4h30m', { days: 1, minutes: 270 }, '1d4h30m'],
    ['0h', { days: 0, minutes: 0 }, '0h'],
    [' 45m ', { days: 0, minutes: 45 }, '45m'],
  ])('%s', (text, parsed, formatted) => {
    expect(parseDuration(text)).toEqual(parsed)
    expect(formatDuration(parsed)).toBe(formatted)
  })
  it.each(['', '3days', '4h3d', '1.5d', 'd', '-1d'])('rejects %j', (bad) => {
    expect(parseDuration(bad)).toBeNull()
  })
})
