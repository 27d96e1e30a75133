import { describe, expect, it } from 'vitest'
import { DEFAULT_THRESHOLDS, parseThresholds } from './thresholds.js'

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
