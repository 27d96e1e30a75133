import { describe, expect, it } from 'vitest'
import { DEFAULT_THRESHOLDS, parseThresholds, withCalendars } from './thresholds.js'

describe('parseThresholds', () => {
  it.each([
    ['nothing configured', undefined, DEFAULT_THRESHOLDS],
    ['one override', { maxAccuracyM: 500 }, { ...DEFAULT_THRESHOLDS, maxAccuracyM: 500 }],
    ['working hours', { workStart: '09:00', workEnd: '17:30' }, { ...DEFAULT_THRESHOLDS, workStart: '09:00', workEnd: '17:30' }],
  ])('%s', (_name, raw, expected) => {
    expect(parseThresholds(raw)).toEqual({ ok: true, value: expected })
  })

  it.each([
    ['an unknown key', { maxSpeed: 3 }, 'maxSpeed'],
    ['a road factor below 1', { roadFactor: 0.8 }, 'roadFactor'],
    ['a bad clock', { workStart: '7h' }, 'workStart'],
    ['a day ending before it starts', { workStart: '18:00', workEnd: '08:00' }, 'workStart'],
    ['a bad holiday', { holidays: ['1 May'] }, 'holidays'],
  ])('refuses %s', (_name, raw, mentions) => {
    const r = parseThresholds(raw)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe('CONFIG_INVALID')
      expect(String(r.error.params?.issues)).toContain(mentions)
    }
  })
})

describe('withCalendars', () => {
  it('adds statutory holidays and adjusted workdays to the company ones, once each', () => {
    const t = { ...DEFAULT_THRESHOLDS, holidays: ['2026-03-13'], extraWorkdays: [] }
    const years = [
      { year: 2026, holidays: ['2026-04-06', '2026-03-13'], workdays: ['2026-02-28'] },
      { year: 2025, holidays: ['2025-10-01'], workdays: [] },
    ]
    expect(withCalendars(t, years)).toMatchObject({ holidays: ['2025-10-01', '2026-03-13', '2026-04-06'], extraWorkdays: ['2026-02-28'] })
  })
})
