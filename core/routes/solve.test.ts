import { describe, expect, it } from 'vitest'
import { mulberry32, randomInt } from './prng.js'
import { nearestNeighbourTour, solveTour } from './solve.js'
import { evaluateTour, isOnTime, unreachableNodes, type RouteProblem } from './tour.js'

const euclid = (pts: [number, number][]) => pts.map((a) => pts.map((b) => Math.round(Math.hypot(a[0] - b[0], a[1] - b[1]))))
const open = (m: number[][], over: Partial<RouteProblem> = {}): RouteProblem => ({
  travel: m, ready: m.map(() => 0), due: m.map(() => Infinity), service: m.map(() => 0), start: 0, startTime: 0, returnToStart: true, ...over,
})
const solve = (p: RouteProblem, seed = 7, iterations = 300) => solveTour(p, { iterations, restarts: 2, rand: mulberry32(seed) })

/** Every permutation's cost, for instances small enough to know the optimum exactly. */
function bruteForce(p: RouteProblem): number {
  const rest = p.travel.map((_, i) => i).filter((i) => i !== p.start)
  let best = Infinity
  const walk = (tour: number[], left: number[]) => {
    if (left.length === 0) {
      const e = evaluateTour(p, tour)
      if (e.lateness === 0) best = Math.min(best, e.travel)
      return
    }
    left.forEach((v, k) => walk([...tour, v], [...left.slice(0, k), ...left.slice(k + 1)]))
  }
  walk([p.start], rest)
  return best
}

function randomPoints(seed: number, n: number): [number, number][] {
  const r = mulberry32(seed)
  return Array.from({ length: n }, () => [randomInt(r, 0, 100), randomInt(r, 0, 100)] as [number, number])
}

describe('solveTour finds the optimum of small instances', () => {
  it.each([
    ['closed tour, 8 random points', 11, true, false],
    ['closed tour, 9 random points', 12, true, false],
    ['open path, 8 random points', 13, false, false],
    ['asymmetric travel (one-way streets)', 14, true, true],
  ])('%s', (_name, seed, returnToStart, asymmetric) => {
    const m = euclid(randomPoints(seed, seed === 12 ? 9 : 8))
    if (asymmetric) m.forEach((row, i) => row.forEach((_, j) => { if (j > i) row[j] = row[j]! + ((i + j) % 3) * 7 }))
    const p = open(m, { returnToStart })
    const best = solve(p)
    expect(best.eval.travel).toBe(bruteForce(p))
    expect([...best.tour].sort((a, b) => a - b)).toEqual(m.map((_, i) => i))
    expect(best.tour[0]).toBe(0)
  })

  it('starts the tour at the given start node', () => {
    const p = open(euclid(randomPoints(3, 10)), { start: 4 })
    expect(solve(p).tour[0]).toBe(4)
  })

  it('is deterministic for a seed', () => {
    const p = open(euclid(randomPoints(5, 30)))
    expect(solve(p, 42).tour).toEqual(solve(p, 42).tour)
  })

  it('beats the nearest-neighbour tour on a 40-point instance', () => {
    const p = open(euclid(randomPoints(8, 40)))
    expect(solve(p).eval.travel).toBeLessThan(evaluateTour(p, nearestNeighbourTour(p)).travel)
  })
})

describe('solveTour with time windows', () => {
  // a line of stops 10 apart; windows force visiting them right to left, against the short left-to-right sweep
  const line = euclid([[0, 0], [10, 0], [20, 0], [30, 0], [40, 0]])
  const reversedWindows = { ready: [0, 80, 60, 40, 0], due: [1000, 100, 80, 60, 45], returnToStart: false }

  it('honours windows even when that costs travel', () => {
    const p = open(line, reversedWindows)
    const best = solve(p)
    expect(best.tour).toEqual([0, 4, 3, 2, 1])
    expect(best.eval.lateness).toBe(0)
    expect(best.eval.begins).toEqual([0, 40, 50, 60, 80]) // waits at stop 1 until it opens at 80
    expect(isOnTime(p, best.tour)).toBe(true)
  })

  it('matches brute force on a windowed instance with service times', () => {
    const pts = randomPoints(21, 8)
    const m = euclid(pts)
    const p = open(m, { ready: [0, 0, 50, 0, 100, 0, 0, 150], due: [600, 200, 150, 400, 250, 500, 300, 300], service: m.map(() => 5) })
    expect(solve(p, 3, 500).eval.travel).toBe(bruteForce(p))
  })

  it('names the stop that cannot be reached in its window', () => {
    const p = open(line, { due: [1000, 1000, 1000, 1000, 30], returnToStart: false })
    expect(unreachableNodes(p)).toEqual([4])
    const best = solve(p)
    expect(best.eval.lateNodes).toEqual([4])
    expect(best.eval.lateness).toBe(10)
  })

  it('counts a late return to the start as a violation', () => {
    const p = open(line, { due: [50, 1000, 1000, 1000, 1000] })
    expect(evaluateTour(p, [0, 1, 2, 3, 4]).lateness).toBe(30)
    expect(isOnTime(p, [0, 1, 2, 3, 4])).toBe(false)
  })
})
