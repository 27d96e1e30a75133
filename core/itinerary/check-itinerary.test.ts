import { describe, expect, it } from 'vitest'
import { wgs84ToGcj02 } from '../geo/china-datum.js'
import type { CheckIn } from './check-in.js'
import { checkItinerary } from './check-itinerary.js'
import { DEFAULT_THRESHOLDS } from './thresholds.js'

// Hangzhou city centre and points due north of it; 0.009° of latitude ≈ 1 km.
const HZ = { lat: 30.2741, lng: 120.1551 }
const north = (km: number) => ({ lat: HZ.lat + km * 0.008993, lng: HZ.lng })

let seq = 0
/** A clean check-in on Tuesday 2026-03-10 at `hhmm` local time; overrides make it suspicious. */
function visit(hhmm: string, over: Partial<CheckIn> = {}): CheckIn {
  seq++
  const t = `2026-03-10T${hhmm}:00+08:00`
  return {
    id: `V${seq}`, repId: 'R1', ...HZ, accuracyM: 15, deviceTime: t, serverTime: t,
    photoHash: `hash-${seq}`, photoExifTime: t, ...over,
  }
}

function flagsOf(list: CheckIn[]): Record<string, string[]> {
  const r = checkItinerary(list)
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return Object.fromEntries(r.value.map((v) => [v.id, v.anomalies]))
}

describe('checkItinerary: each anomaly is found', () => {
  it.each([
    ['a 200 km jump in 50 minutes', [visit('09:00'), visit('09:50', { ...north(200) })], { 1: ['IMPOSSIBLE_SPEED'] }],
    ['check-ins 25 km apart 30 s apart: both records', [visit('09:00'), visit('09:00', { ...north(25), deviceTime: '2026-03-10T09:00:30+08:00', serverTime: '2026-03-10T09:00:30+08:00' })], { 0: ['TELEPORT_SAME_TIME'], 1: ['TELEPORT_SAME_TIME'] }],
    ['a photo taken the day before', [visit('10:00', { photoExifTime: '2026-03-09T10:00:00+08:00' })], { 0: ['EXIF_TIME_MISMATCH'] }],
    ['a photo taken 5 hours after', [visit('10:00', { photoExifTime: '2026-03-10T15:00:00+08:00' })], { 0: ['EXIF_TIME_MISMATCH'] }],
    ['a phone clock 40 minutes ahead of the server', [visit('10:40', { serverTime: '2026-03-10T10:00:00+08:00' })], { 0: ['FUTURE_TIMESTAMP'] }],
    ['the same photo submitted again, by another rep', [visit('09:00', { photoHash: 'AB' }), visit('11:00', { repId: 'R2', photoHash: 'ab' })], { 1: ['PHOTO_REUSED'] }],
    ['a cell-tower fix of 3 km', [visit('10:00', { accuracyM: 3000 })], { 0: ['GPS_LOW_ACCURACY'] }],
    ['a check-in at 06:30', [visit('06:30')], { 0: ['OUTSIDE_HOURS'] }],
    ['a check-in at 19:40', [visit('19:40')], { 0: ['OUTSIDE_HOURS'] }],
    ['a Saturday check-in', [visit('10:00', { deviceTime: '2026-03-14T10:00:00+08:00', serverTime: '2026-03-14T10:00:00+08:00', photoExifTime: '2026-03-14T10:00:00+08:00' })], { 0: ['OUTSIDE_HOURS'] }],
  ])('%s', (_name, list, expected: Record<number, string[]>) => {
    const flags = flagsOf(list)
    list.forEach((c, i) => expect(flags[c.id], c.id).toEqual(expected[i] ?? []))
  })

  it('puts PHOTO_REUSED on the later *received* use, whatever the device times say', () => {
    const first = visit('11:00', { photoHash: 'same', serverTime: '2026-03-10T11:00:00+08:00' })
    const later = visit('10:00', { photoHash: 'same', repId: 'R2', serverTime: '2026-03-10T11:30:00+08:00' })
    expect(flagsOf([later, first])).toEqual({ [first.id]: [], [later.id]: ['PHOTO_REUSED'] })
  })

  it('reports codes in catalogue order when a record has several', () => {
    const v = visit('20:00', { accuracyM: 5000, photoExifTime: '2026-03-01T20:00:00+08:00' })
    expect(flagsOf([v])[v.id]).toEqual(['EXIF_TIME_MISMATCH', 'GPS_LOW_ACCURACY', 'OUTSIDE_HOURS'])
  })
})

describe('checkItinerary: legal edge cases stay clean', () => {
  it.each([
    ['a 95 km expressway trip in 55 minutes', [visit('09:00'), visit('09:55', { ...north(95) })]],
    ['two departments of one hospital 4 minutes apart', [visit('09:00', { accuracyM: 30 }), visit('09:04', { lat: HZ.lat + 0.0004, lng: HZ.lng + 0.0003, accuracyM: 25 })]],
    ['an offline visit synced 6 hours later with consistent device and photo times', [visit('09:00'), visit('10:00', { ...north(20), serverTime: '2026-03-10T16:00:00+08:00' }), visit('16:05', { ...north(22) })]],
    ['a phone clock a few seconds ahead of the server', [visit('10:00', { serverTime: '2026-03-10T09:59:48+08:00' })]],
    ['a photo taken 90 minutes before checking in', [visit('10:30', { photoExifTime: '2026-03-10T09:00:00+08:00' })]],
    ['a jump that the accuracy circles explain', [visit('09:00', { accuracyM: 900 }), visit('09:01', { ...north(1.5), accuracyM: 600 })]],
    ['a Saturday that is an adjusted workday (2026-02-28)', [visit('10:00', { deviceTime: '2026-02-28T10:00:00+08:00', serverTime: '2026-02-28T10:00:00+08:00', photoExifTime: '2026-02-28T10:00:00+08:00' })]],
    ['a fix that reports no accuracy radius', [visit('10:00', { accuracyM: null })]],
    ['the same place twice by GCJ-02 and WGS-84 fixes', [visit('09:00'), visit('09:01', { ...wgs84ToGcj02(HZ), coordSystem: 'gcj02' })]],
  ])('%s', (_name, list) => {
    const thresholds = { ...DEFAULT_THRESHOLDS, extraWorkdays: ['2026-02-28'] }
    const r = checkItinerary(list, thresholds)
    expect(r.ok && r.value.every((v) => v.anomalies.length === 0)).toBe(true)
  })

  it('orders by server time a record whose phone clock ran ahead, so the next visit is not "too fast"', () => {
    const ahead = visit('12:00', { serverTime: '2026-03-10T11:20:00+08:00' })
    const next = visit('11:26', { lat: HZ.lat + 0.0003 })
    expect(flagsOf([ahead, next])).toEqual({ [ahead.id]: ['FUTURE_TIMESTAMP'], [next.id]: [] })
  })

  it('does not call the visit after a teleport too fast when it is reachable from either place', () => {
    const a = visit('09:00')
    const b = visit('09:00', { ...north(25), deviceTime: '2026-03-10T09:00:20+08:00', serverTime: '2026-03-10T09:00:20+08:00' })
    const c = visit('09:20', { ...north(24) })
    expect(flagsOf([a, b, c])[c.id]).toEqual([])
  })
})

describe('checkItinerary: bad input is refused as data', () => {
  it.each([
    ['deviceTime', { deviceTime: 'yesterday' }],
    ['serverTime', { serverTime: '2026-13-01T00:00:00Z' }],
    ['photoExifTime', { photoExifTime: '2026:03:10 10:00:00' }],
  ])('%s', (field, over) => {
    const r = checkItinerary([visit('10:00', over)])
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.params?.detail).toContain(field)
  })
})
