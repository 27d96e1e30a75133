import { describe, expect, it } from 'vitest'
import { wgs84ToGcj02 } from '../geo/china-datum.js'
import { planDay, type DayPlanRequest } from './day-plan.js'
import { DEFAULT_ROUTE_SETTINGS } from './settings.js'

// Hangzhou office and clinics east of it: 0.01° of longitude ≈ 0.96 km here, i.e. ≈ 2.1 minutes at the default model
const office = { lat: 30.27, lng: 120.15, name: '办公室' }
const clinic = (id: string, dLng: number, window: [string, string] | null, serviceMin = 20) => ({ id, name: `诊所${id}`, lat: 30.27, lng: 120.15 + dLng, window, serviceMin })
const settings = { ...DEFAULT_ROUTE_SETTINGS, iterations: 200 }

function plan(req: DayPlanRequest) {
  const r = planDay(req, settings)
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return r.value
}

describe('planDay', () => {
  it('orders stops by travel when windows allow, timing each visit', () => {
    const p = plan({ stops: [clinic('far', 0.1, null), clinic('near', 0.05, null), clinic('mid', 0.075, null)], start: office, departAt: '08:30' })
    expect(p.order).toEqual(['near', 'mid', 'far'])
    expect(p.feasible).toBe(true)
    expect(p.rejection).toBeNull()
    expect(p.arrivals[0]).toBe('08:41') // 4.8 km × 1.3 at 35 km/h ≈ 10.7 min
    expect(p.legs).toHaveLength(3)
    expect(p.legs[1]).toMatchObject({ fromId: 'near', toId: 'mid', departAt: '09:01' })
  })

  it('waits for a clinic that opens later and visits the urgent one first', () => {
    const p = plan({ stops: [clinic('opensLate', 0.02, ['10:00', '11:00']), clinic('closesSoon', 0.1, ['08:00', '09:00'])], start: office, departAt: '08:30' })
    expect(p.order).toEqual(['closesSoon', 'opensLate'])
    expect(p.arrivals[1]).toBe('10:00')
    expect(p.legs[1]!.arriveAt < p.legs[1]!.startAt).toBe(true)
  })

  it('names the stop that cannot be reached in its window, without blocking the plan', () => {
    const p = plan({ stops: [clinic('ok', 0.02, null), clinic('tooFar', 1.0, ['08:30', '08:45'])], start: office, departAt: '08:30' })
    expect(p.feasible).toBe(false)
    expect(p.late).toEqual(['tooFar'])
    expect(p.rejection).toEqual({ code: 'ROUTE_WINDOW_UNREACHABLE', params: { stops: 'tooFar' } })
    expect(p.order).toHaveLength(2)
  })

  it('adds the leg home when asked to return', () => {
    const p = plan({ stops: [clinic('a', 0.05, null)], start: office, departAt: '08:30', returnToStart: true })
    expect(p.legs.map((l) => [l.fromId, l.toId])).toEqual([[null, 'a'], ['a', null]])
    expect(p.travelMin).toBeCloseTo(2 * p.legs[0]!.travelMin, 0)
  })

  it('gives every leg Amap, Baidu and Tencent links in GCJ-02', () => {
    const p = plan({ stops: [clinic('a', 0.05, null)], start: office, departAt: '08:30' })
    const g = wgs84ToGcj02({ lat: 30.27, lng: 120.2 })
    expect(p.legs[0]!.links.amap).toContain(`to=${g.lng.toFixed(6)},${g.lat.toFixed(6)},`)
    expect(p.legs[0]!.links.baidu).toContain('coord_type=gcj02')
    expect(p.legs[0]!.links.tencent).toContain(`tocoord=${g.lat.toFixed(6)},${g.lng.toFixed(6)}`)
  })

  it('accepts GCJ-02 input (WeCom getLocation) and plans the same day', () => {
    const stops = [clinic('x', 0.05, null), clinic('y', 0.02, null)]
    const gcj = stops.map((s) => ({ ...s, ...wgs84ToGcj02(s) }))
    const a = plan({ stops, start: office, departAt: '08:30' })
    const b = plan({ stops: gcj, start: { ...office, ...wgs84ToGcj02(office) }, departAt: '08:30', coordSystem: 'gcj02' })
    expect(b.order).toEqual(a.order)
    expect(b.travelMin).toBeCloseTo(a.travelMin, 1)
  })

  it.each([
    ['a bad departure time', { departAt: '8.30' }, 'departAt'],
    ['a window that closes before it opens', { stops: [clinic('bad', 0.01, ['11:00', '09:00'])] }, 'bad'],
    ['a window that is not a clock time', { stops: [clinic('bad', 0.01, ['9am', '11:00'])] }, 'bad'],
  ])('refuses %s', (_name, over, mentions) => {
    const r = planDay({ stops: [], start: office, departAt: '08:30', ...over }, settings)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(String(r.error.params?.detail)).toContain(mentions)
  })
})
