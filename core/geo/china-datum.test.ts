import { describe, expect, it } from 'vitest'
import { gcj02ToBd09, gcj02ToWgs84, isOutsideChina, toWgs84, wgs84ToGcj02 } from './china-datum.js'
import { haversineM } from './distance.js'

describe('GCJ-02', () => {
  // reference values from the gcoord library's test suite (GCJ-02 (123, 45) → WGS-84 / BD-09)
  it('converts GCJ-02 to WGS-84 like the reference implementation', () => {
    const w = gcj02ToWgs84({ lat: 45, lng: 123 })
    expect(w.lng).toBeCloseTo(122.99395597, 5)
    expect(w.lat).toBeCloseTo(44.99804071, 5)
  })

  it('converts GCJ-02 to BD-09 like the reference implementation', () => {
    const b = gcj02ToBd09({ lat: 45, lng: 123 })
    expect(b.lng).toBeCloseTo(123.00636499, 5)
    expect(b.lat).toBeCloseTo(45.00636899, 5)
  })

  it.each([
    ['Hangzhou', { lat: 30.2741, lng: 120.1551 }],
    ['Wenzhou', { lat: 27.9938, lng: 120.6994 }],
    ['Beijing', { lat: 39.9087, lng: 116.3975 }],
    ['Urumqi', { lat: 43.8256, lng: 87.6168 }],
  ])('%s: shifts by a few hundred metres and round-trips to the millimetre', (_city, p) => {
    const g = wgs84ToGcj02(p)
    const shift = haversineM(p, g)
    expect(shift).toBeGreaterThan(50)
    expect(shift).toBeLessThan(800)
    expect(haversineM(gcj02ToWgs84(g), p)).toBeLessThan(0.001)
  })

  it.each([
    ['Tokyo', { lat: 35.6812, lng: 139.7671 }, true],
    ['Moscow', { lat: 55.7558, lng: 37.6173 }, true],
    ['Sydney', { lat: -33.8688, lng: 151.2093 }, true],
    ['Hangzhou', { lat: 30.2741, lng: 120.1551 }, false],
  ])('%s outside China: %s (and left unchanged if so)', (_name, p, outside) => {
    expect(isOutsideChina(p)).toBe(outside)
    if (outside) {
      expect(wgs84ToGcj02(p)).toEqual(p)
      expect(gcj02ToWgs84(p)).toEqual(p)
    }
  })

  it('toWgs84 converts only GCJ-02 input', () => {
    const p = { lat: 30.2741, lng: 120.1551 }
    expect(toWgs84(p, 'wgs84')).toEqual(p)
    expect(haversineM(toWgs84(wgs84ToGcj02(p), 'gcj02'), p)).toBeLessThan(0.001)
  })
})
