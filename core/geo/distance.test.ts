import { describe, expect, it } from 'vitest'
import { haversineM, separationM } from './distance.js'

describe('haversineM', () => {
  it.each([
    ['one degree of latitude', { lat: 0, lng: 0 }, { lat: 1, lng: 0 }, 111_195.08],
    ['one degree of longitude at the equator', { lat: 0, lng: 0 }, { lat: 0, lng: 1 }, 111_195.08],
    ['one degree of longitude at 60°N is half as long', { lat: 60, lng: 0 }, { lat: 60, lng: 1 }, 55_597.0],
    ['equator to pole (a quarter meridian)', { lat: 0, lng: 0 }, { lat: 90, lng: 0 }, 10_007_557.2],
    ['the same point', { lat: 30.1, lng: 120.1 }, { lat: 30.1, lng: 120.1 }, 0],
  ])('%s', (_name, a, b, metres) => {
    expect(haversineM(a, b)).toBeCloseTo(metres, -2)
    expect(haversineM(b, a)).toBeCloseTo(haversineM(a, b), 6)
  })

  it('stays finite for antipodal points', () => {
    expect(haversineM({ lat: 0, lng: 0 }, { lat: 0, lng: 180 })).toBeCloseTo(Math.PI * 6_371_008.8, 0)
  })
})

describe('separationM', () => {
  const a = { lat: 30, lng: 120 }
  const b = { lat: 30.01, lng: 120 } // ≈ 1112 m north
  it.each([
    ['tight fixes keep almost all the distance', 5, 5, 0, 1102],
    ['accuracy circles are subtracted', 300, 200, 0, 612],
    ['slack is subtracted too', 300, 200, 100, 512],
    ['overlapping circles mean no provable separation', 800, 600, 0, 0],
  ])('%s', (_name, accA, accB, slack, metres) => {
    expect(separationM(a, accA, b, accB, slack)).toBeCloseTo(metres, -1)
  })
})
