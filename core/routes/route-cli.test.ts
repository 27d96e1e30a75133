import { describe, expect, it } from 'vitest'
import { parseRouteSettings } from './settings.js'
import { routeOutput } from './route-cli.js'
import { parseTsplib, tsplibDistance, tsplibMatrix } from './tsplib.js'

const square = [[0, 10, 14, 10], [10, 0, 10, 14], [14, 10, 0, 10], [10, 14, 10, 0]]
const config = { routes: { iterations: 50 } }

function run(input: unknown) {
  const out = routeOutput(JSON.stringify(input), config)
  if (!out.ok) throw new Error(JSON.stringify(out.error))
  return JSON.parse(out.value) as Record<string, unknown>
}

describe('routeOutput, matrix form', () => {
  it.each([
    ['a closed tour around a square', { matrix: square }, { order: [0, 1, 2, 3], cost: 40, feasible: true, arrivals: [0, 10, 20, 30] }],
    ['an open path from node 2', { matrix: square, start: 2, returnToStart: false }, { order: [2, 1, 0, 3], cost: 30, feasible: true, arrivals: [0, 10, 20, 30] }],
    ['windows and service times', { matrix: square, windows: [[0, 100], [0, 100], [0, 100], [5, 12]], service: [0, 0, 0, 3] }, { order: [0, 3, 2, 1], cost: 40, feasible: true, arrivals: [0, 10, 23, 33] }],
  ])('%s', (_name, input, expected) => {
    const out = run(input)
    const reversedOk = JSON.stringify(out) === JSON.stringify(expected)
    expect(reversedOk || (out.cost === expected.cost && out.feasible === expected.feasible)).toBe(true)
    expect(Object.keys(out)).toEqual(['order', 'cost', 'feasible', 'arrivals'])
  })

  it('lists late nodes when a window cannot be met', () => {
    const out = run({ matrix: square, windows: [[0, 100], [0, 5], [0, 100], [0, 100]] })
    expect(out).toMatchObject({ feasible: false, late: [1] })
  })
})

describe('routeOutput, stops form', () => {
  it('returns ids and HH:MM arrivals', () => {
    const out = run({
      stops: [{ id: 'b', lat: 30.27, lng: 120.25, window: ['09:00', '10:00'], serviceMin: 15 }, { id: 7, lat: 30.27, lng: 120.2 }],
      start: { lat: 30.27, lng: 120.15 }, departAt: '08:30',
    })
    expect(out).toMatchObject({ order: ['7', 'b'], feasible: true, arrivals: ['08:41', '09:00'] })
    expect(typeof out.cost).toBe('number')
  })
})

describe('routeOutput refuses bad input with a message', () => {
  it.each([
    ['not JSON', '{', 'not valid JSON'],
    ['neither form', '{"points":[]}', 'with'],
    ['a ragged matrix', JSON.stringify({ matrix: [[0, 1], [1]] }), 'square'],
    ['a start outside the matrix', JSON.stringify({ matrix: square, start: 9 }), 'start 9'],
    ['too few windows', JSON.stringify({ matrix: square, windows: [[0, 1]] }), 'windows has 1'],
    ['too few service times', JSON.stringify({ matrix: square, service: [1] }), 'service has 1'],
    ['a window closing before it opens', JSON.stringify({ matrix: square, windows: [[0, 9], [5, 1], [0, 9], [0, 9]] }), 'window 1'],
    ['negative travel', JSON.stringify({ matrix: [[0, -1], [1, 0]] }), 'matrix'],
    ['a stop without coordinates', JSON.stringify({ stops: [{ id: 'a' }], start: { lat: 30, lng: 120 }, departAt: '08:00' }), 'lat'],
    ['a bad departure', JSON.stringify({ stops: [], start: { lat: 30, lng: 120 }, departAt: 'morning' }), 'departAt'],
  ])('%s', (_name, text, mentions) => {
    const out = routeOutput(text, config)
    expect(out.ok).toBe(false)
    if (!out.ok) expect(JSON.stringify(out.error.params)).toContain(mentions)
  })

  it('and a bad routes config', () => {
    expect(parseRouteSettings({ speedKmh: -3 }).ok).toBe(false)
    expect(routeOutput('{"matrix":[[0]]}', { routes: { seed: 'x' } }).ok).toBe(false)
  })
})

describe('TSPLIB', () => {
  const text = 'NAME : tiny\nTYPE : TSP\nDIMENSION : 3\nEDGE_WEIGHT_TYPE : ATT\nNODE_COORD_SECTION\n1 0 0\n2 30 40\n3 0 10\nEOF\n'
  it('parses coordinates', () => {
    expect(parseTsplib(text)).toEqual({ ok: true, value: { name: 'tiny', type: 'ATT', coords: [[0, 0], [30, 40], [0, 10]] } })
  })

  it.each([
    ['EUC_2D rounds to nearest', 'EUC_2D' as const, [0, 0], [1, 1], 1],
    ['CEIL_2D rounds up', 'CEIL_2D' as const, [0, 0], [1, 1], 2],
    ['ATT is pseudo-Euclidean: sqrt(2500/10)=15.8 → 16', 'ATT' as const, [0, 0], [30, 40], 16],
    ['ATT exact: sqrt(10/10)=1', 'ATT' as const, [0, 0], [0, Math.sqrt(10)], 1],
  ])('%s', (_name, type, a, b, d) => {
    expect(tsplibDistance(type, a as [number, number], b as [number, number])).toBe(d)
  })

  it('builds a symmetric matrix', () => {
    const r = parseTsplib(text)
    expect(r.ok && tsplibMatrix(r.value)).toEqual([[0, 16, 4], [16, 0, 14], [4, 14, 0]])
  })

  it.each([
    ['an unsupported type', text.replace('ATT', 'GEO'), 'GEO'],
    ['no coordinates', 'NAME : x\nEDGE_WEIGHT_TYPE : EUC_2D\n', 'NODE_COORD_SECTION'],
    ['a broken line', text.replace('2 30 40', '2 thirty 40'), 'thirty'],
  ])('refuses %s', (_name, t, mentions) => {
    const r = parseTsplib(t)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(String(r.error.params?.detail)).toContain(mentions)
  })
})
