import { describe, expect, it } from 'vitest'
import { formatClock, localClock, parseClock, parseInstant } from './instant.js'

describe('parseInstant', () => {
  it.each([
    ['with +08:00', '2026-03-10T09:00:00+08:00', Date.UTC(2026, 2, 10, 1)],
    ['with Z', '2026-03-10T01:00:00Z', Date.UTC(2026, 2, 10, 1)],
    ['with -0500', '2026-03-09T20:00:00-0500', Date.UTC(2026, 2, 10, 1)],
    ['EXIF style without offset uses the default zone', '2026-03-10 09:00:00', Date.UTC(2026, 2, 10, 1)],
    ['without seconds', '2026-03-10T09:00+08:00', Date.UTC(2026, 2, 10, 1)],
    ['with milliseconds', '2026-03-10T09:00:00.250+08:00', Date.UTC(2026, 2, 10, 1) + 250],
    ['not a time', 'soon', null],
    ['month 13', '2026-13-10T09:00:00Z', null],
    ['hour 25', '2026-03-10T25:00:00Z', null],
  ])('%s', (_name, text, expected) => {
    expect(parseInstant(text, 480)).toBe(expected)
  })
})

describe('localClock', () => {
  it.each([
    ['01:00 UTC is 09:00 on a Tuesday in Shanghai', Date.UTC(2026, 2, 10, 1), 480, { date: '2026-03-10', weekday: 2, minuteOfDay: 540 }],
    ['17:00 UTC Saturday is 01:00 Sunday in Shanghai', Date.UTC(2026, 2, 14, 17), 480, { date: '2026-03-15', weekday: 0, minuteOfDay: 60 }],
  ])('%s', (_name, ms, offset, expected) => {
    expect(localClock(ms, offset)).toEqual(expected)
  })
})

describe('clock strings', () => {
  it.each([
    ['08:30', 510],
    ['8:05', 485],
    ['24:00', 1440],
    ['23:60', null],
    ['noon', null],
  ])('parseClock(%s)', (text, minutes) => {
    expect(parseClock(text)).toBe(minutes)
  })

  it.each([
    [510, '08:30'],
    [0, '00:00'],
    [1439.6, '24:00'],
    [725.4, '12:05'],
  ])('formatClock(%s)', (minutes, text) => {
    expect(formatClock(minutes)).toBe(text)
  })
})
