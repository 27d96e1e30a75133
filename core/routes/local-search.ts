import { evaluateTour, isBetter, isOnTime, scoreTour, type RouteProblem, type TourEval } from './tour.js'

/**
 * 2-opt and Or-opt (segments of 1–3, either direction) with first improvement, for tours with windows or asymmetric
 * travel (tsp-search.ts is the fast path for the plain symmetric case). A move is priced by its travel delta first; with
 * windows one that saves travel is re-timed in O(n), and while the tour is still late every move is re-timed, so the
 * search first repairs the windows and then shortens the tour.
 */
export type SearchSpace = {
  windows: boolean
  symmetric: boolean
  /** How far (in tour positions) a move may reach; with windows, useful moves stay local in time. */
  span: number
  /** Positions this close to an accepted change are re-examined (with windows, timing ripples further). */
  margin: number
}

export type Current = { tour: number[]; eval: TourEval }

/**
 * Tour positions still worth examining: after a kick only moves touching its neighbourhood can improve a tour that
 * was locally optimal before, so a move is tried only if one of its ends lies in the region (grown by every change).
 */
export type Region = { lo: number; hi: number }

function widen(r: Region, lo: number, hi: number): void {
  r.lo = Math.min(r.lo, lo)
  r.hi = Math.max(r.hi, hi)
}

/** The positions k a move from `i` may reach: all within the span if i is in the region, else only the region's. */
function reach(r: Region, i: number, first: number, last: number): [number, number] {
  const inside = i >= r.lo && i <= r.hi
  return inside ? [first, last] : [Math.max(first, r.lo), Math.min(last, r.hi)]
}

const EPS = 1e-9

function cost(p: RouteProblem, a: number, b: number): number {
  return a < 0 || b < 0 ? 0 : p.travel[a]![b]!
}

function succ(p: RouteProblem, tour: readonly number[], k: number): number {
  if (k + 1 < tour.length) return tour[k + 1]!
  return p.returnToStart ? tour[0]! : -1
}

/**
 * Accepts `candidate` into `cur` if it is an improvement, and says so. While the tour is on time the caller has
 * checked that the move saves travel (`delta` is exact), so only the windows need checking; while it is late the
 * move must reduce lateness, or keep it and save travel. `cur.eval` keeps travel and lateness current; the service
 * times are recomputed once when the search ends.
 */
function tryMove(p: RouteProblem, s: SearchSpace, cur: Current, delta: number, candidate: () => number[]): boolean {
  const tour = candidate()
  if (cur.eval.lateness <= EPS) {
    if (s.windows && !isOnTime(p, tour)) return false
    cur.tour = tour
    cur.eval = { ...cur.eval, travel: cur.eval.travel + delta }
    return true
  }
  const score = scoreTour(p, tour, cur.eval.lateness)
  if (score === null || !isBetter(score, cur.eval)) return false
  cur.tour = tour
  cur.eval = { ...cur.eval, ...score }
  return true
}

function reversed(tour: readonly number[], i: number, j: number): number[] {
  const out = tour.slice()
  for (let a = i, b = j; a <= j; a++, b--) out[a] = tour[b]!
  return out
}

function twoOptPass(p: RouteProblem, s: SearchSpace, cur: Current, r: Region): boolean {
  let improved = false
  const n = cur.tour.length
  for (let i = 1; i < n - 1; i++) {
    const [from, to] = reach(r, i, i + 1, Math.min(n - 1, i + s.span))
    let inner = 0 // change of the reversed interior edges, non-zero only for asymmetric travel
    for (let j = i + 1; j <= to; j++) {
      const t = cur.tour
      if (!s.symmetric) inner += cost(p, t[j]!, t[j - 1]!) - cost(p, t[j - 1]!, t[j]!)
      if (j < from) continue
      const a = t[i - 1]!, b = t[i]!, c = t[j]!, d = succ(p, t, j)
      const delta = cost(p, a, c) + cost(p, b, d) - cost(p, a, b) - cost(p, c, d) + inner
      if ((delta < -EPS || cur.eval.lateness > EPS) && tryMove(p, s, cur, delta, () => reversed(t, i, j))) {
        improved = true
        widen(r, i - s.margin, j + s.margin)
        inner = 0
        if (!s.symmetric) break // the interior sums refer to the old order
      }
    }
  }
  return improved
}

/** The tour with [i, i+len) moved to just after position q (q outside the segment), optionally reversed. */
function relocated(tour: readonly number[], i: number, len: number, q: number, flip: boolean): number[] {
  const out: number[] = []
  const pushSeg = () => {
    for (let k = 0; k < len; k++) out.push(tour[flip ? i + len - 1 - k : i + k]!)
  }
  for (let k = 0; k < tour.length; k++) {
    if (k >= i && k < i + len) continue
    out.push(tour[k]!)
    if (k === q) pushSeg()
  }
  return out
}

function orOptPass(p: RouteProblem, s: SearchSpace, cur: Current, r: Region): boolean {
  let improved = false
  for (let len = 1; len <= 3; len++) {
    for (let i = 1; i + len - 1 < cur.tour.length; i++) {
      const last = i + len - 1
      const [from, to] = reach(r, i, Math.max(0, i - 1 - s.span), Math.min(cur.tour.length - 1, last + s.span))
      for (let q = from; q <= to; q++) {
        if (q >= i - 1 && q <= i + len - 1) continue
        const t = cur.tour
        const prev = t[i - 1]!, s0 = t[i]!, sL = t[i + len - 1]!, next = succ(p, t, i + len - 1)
        const x = t[q]!, y = succ(p, t, q)
        const removed = cost(p, prev, next) - cost(p, prev, s0) - cost(p, sL, next) - cost(p, x, y)
        const fwd = removed + cost(p, x, s0) + cost(p, sL, y)
        const late = cur.eval.lateness > EPS
        if ((fwd < -EPS || late) && tryMove(p, s, cur, fwd, () => relocated(t, i, len, q, false))) {
          improved = true
          widen(r, Math.min(i, q) - s.margin, Math.max(i, q) + len + s.margin)
          break
        }
        if (!s.symmetric || len === 1) continue
        const back = removed + cost(p, x, sL) + cost(p, s0, y)
        if ((back < -EPS || late) && tryMove(p, s, cur, back, () => relocated(t, i, len, q, true))) {
          improved = true
          widen(r, Math.min(i, q) - s.margin, Math.max(i, q) + len + s.margin)
          break
        }
      }
    }
  }
  return improved
}

/** Runs both neighbourhoods until neither improves (bounded, in case of float noise). */
export function localSearch(p: RouteProblem, s: SearchSpace, start: Current, region?: Region): Current {
  const cur = { tour: [...start.tour], eval: start.eval }
  const r = region ?? { lo: 0, hi: cur.tour.length }
  widen(r, r.lo - s.margin, r.hi + s.margin)
  for (let round = 0; round < 1000; round++) {
    const a = twoOptPass(p, s, cur, r)
    const b = orOptPass(p, s, cur, r)
    if (!a && !b) break
  }
  cur.eval = evaluateTour(p, cur.tour) // re-time once, and drop accumulated float drift
  return cur
}
