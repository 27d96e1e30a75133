import { describe, expect, it } from 'vitest'
import type { CheckIn } from './check-in.js'
import { checkArrival } from './check-arrival.js'

const at = (hhmm: string, day = '10') => `2026-03-${day}T${hhmm}:00+08:00`
const base = { repId: 'R1', lat: 30.2741, lng: 120.1551, accuracyM: 10 }
const visit = (id: string, hhmm: string, over: Partial<CheckIn> = {}): CheckIn => ({
  ...base, id, deviceTime: at(hhmm), serverTime: at(hhmm), photoHash: id, photoExifTime: at(hhmm), ...over,
})
const north = (km: number) => ({ lat: base.lat + km * 0.008993 })

describe('checkArrival', () => {
  it('flags the new record and reports the stored record its arrival changes', () => {
    const stored = [visit('A', '09:00')]
    const twin = visit('B', '09:00', { ...north(25), deviceTime: '2026-03-10T09:00:40+08:00', serverTime: '2026-03-10T09:00:41+08:00' })
    const r = checkArrival(twin, stored)
    expect(r).toEqual({ ok: true, value: { arrived: { id: 'B', anomalies: ['TELEPORT_SAME_TIME'] }, changed: [{ id: 'A', anomalies: ['TELEPORT_SAME_TIME'] }] } })
  })

  it('judges an offline visit synced hours later by its device time', () => {
    const stored = [visit('A', '09:00'), visit('C', '11:00', { ...north(40) })]
    const offline = visit('B', '10:00', { ...north(20), serverTime: at('16:30') })
    const r = checkArrival(offline, stored)
    expect(r.ok && r.value).toEqual({ arrived: { id: 'B', anomalies: [] }, changed: [] })
  })

  it('finds a photo reused from another rep when the history holds that photo', () => {
    const theirs = visit('X', '09:00', { repId: 'R2', photoHash: 'p' })
    const r = checkArrival(visit('Y', '11:00', { photoHash: 'p' }), [theirs])
    expect(r.ok && r.value.arrived.anomalies).toEqual(['PHOTO_REUSED'])
  })

  it('ignores a copy of the arrived record in the history (a retried upload)', () => {
    const v = visit('A', '10:00')
    const r = checkArrival(v, [v])
    expect(r.ok && r.value).toEqual({ arrived: { id: 'A', anomalies: [] }, changed: [] })
  })

  it.each([
    ['the arrived record', [visit('S', '09:00')], visit('N', '10:00', { deviceTime: 'x' })],
    ['a stored record', [visit('S', '09:00', { serverTime: 'x' })], visit('N', '10:00')],
  ])('refuses a bad time in %s', (_name, history, arrived) => {
    expect(checkArrival(arrived, history).ok).toBe(false)
  })
})
