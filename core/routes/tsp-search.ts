import type { RouteProblem } from './tour.js'

/*
 * Local search for tours without windows on symmetric travel, driven by a queue of "dirty" nodes (Bentley's
 * don't-look bits): after a double-bridge kick only the few nodes next to changed edges are re-examined, so one
 * iterated-local-search round costs about as much as the kick, not a full O(n²) sweep.
 */
const EPS = 1e-9

type State = { p: RouteProblem; nb: readonly (readonly number[])[]; tour: number[]; pos: number[]; delta: number }

const d = (s: State, a: number, b: number): number => (a < 0 || b < 0 ? 0 : s.p.travel[a]![b]!)
const at = (s: State, k: number): number => (k < s.tour.length ? s.tour[k]! : s.p.returnToStart ? s.tour[0]! : -1)

function reindex(s: State, tour: number[]): void {
  s.tour = tour
  tour.forEach((node, k) => (s.pos[node] = k))
}

function reverse(s: State, i: number, j: number): void {
  const t = s.tour
  for (let a = i, b = j; a < b; a++, b--) [t[a], t[b]] = [t[b]!, t[a]!]
  for (let k = i; k <= j; k++) s.pos[t[k]!] = k
}

/** 2-opt moves that remove the edge after (or before) v and add an edge from v to a near neighbour. */
function twoOpt(s: State, v: number, touched: number[]): boolean {
  const k = s.pos[v]!
  for (const c of s.nb[v]!) {
    const m = s.pos[c]!
    // edge (v, next v) and (c, next c) → (v, c) and (next v, next c): reverse the stretch between them
    const [i, j] = m > k ? [k + 1, m] : [m + 1, k]
    if (j > i) {
      const a = s.tour[i - 1]!, b = s.tour[i]!, e = s.tour[j]!, f = at(s, j + 1)
      const delta = d(s, a, e) + d(s, b, f) - d(s, a, b) - d(s, e, f)
      if (delta < -EPS) {
        reverse(s, i, j)
        s.delta += delta
        touched.push(a, b, e, ...(f >= 0 ? [f] : []))
        return true
      }
    }
    // edge (prev v, v) and (prev c, c) → (prev v, prev c) and (v, c)
    const [i2, j2] = m > k ? [k, m - 1] : [m, k - 1]
    if (i2 >= 1 && j2 > i2) {
      const a = s.tour[i2 - 1]!, b = s.tour[i2]!, e = s.tour[j2]!, f = at(s, j2 + 1)
      const delta = d(s, a, e) + d(s, b, f) - d(s, a, b) - d(s, e, f)
      if (delta < -EPS) {
        reverse(s, i2, j2)
        s.delta += delta
        touched.push(a, b, e, ...(f >= 0 ? [f] : []))
        return true
      }
    }
  }
  return false
}

/** Or-opt: moves a segment of 1–3 nodes that starts or ends at v next to a near neighbour of its ends. */
function orOpt(s: State, v: number, touched: number[]): boolean {
  const n = s.tour.length
  const k = s.pos[v]!
  for (let len = 1; len <= 3; len++) {
    for (const i of len === 1 ? [k] : [k, k - len + 1]) {
      const last = i + len - 1
      if (i < 1 || last > n - 1) continue
      const prev = s.tour[i - 1]!, s0 = s.tour[i]!, sL = s.tour[last]!, next = at(s, last + 1)
      const gain = d(s, prev, next) - d(s, prev, s0) - d(s, sL, next)
      for (const end of len === 1 ? [s0] : [s0, sL]) {
        for (const x of s.nb[end]!) {
          for (const q of [s.pos[x]!, s.pos[x]! - 1]) {
            if (q < 0 || (q >= i - 1 && q <= last)) continue
            const a = s.tour[q]!, b = at(s, q + 1)
            const base = gain - d(s, a, b)
            const fwd = base + d(s, a, s0) + d(s, sL, b)
            const back = base + d(s, a, sL) + d(s, s0, b)
            const flip = back < fwd - EPS
            const delta = flip ? back : fwd
            if (delta >= -EPS) continue
            const seg = s.tour.slice(i, last + 1)
            if (flip) seg.reverse()
            const rest = [...s.tour.slice(0, i), ...s.tour.slice(last + 1)]
            const cut = (q < i ? q : q - len) + 1
            reindex(s, [...rest.slice(0, cut), ...seg, ...rest.slice(cut)])
            s.delta += delta
            touched.push(prev, s0, sL, a, ...(next >= 0 ? [next] : []), ...(b >= 0 ? [b] : []))
            return true
          }
        }
      }
    }
  }
  return false
}

/** Improves `tour` in place of a copy, starting from the dirty nodes; returns the tour and its travel change. */
export function queuedSearch(
  p: RouteProblem,
  nb: readonly (readonly number[])[],
  tour: readonly number[],
  dirty: readonly number[],
): { tour: number[]; delta: number } {
  const s: State = { p, nb, tour: [], pos: [], delta: 0 }
  reindex(s, [...tour])
  const queue = [...dirty]
  const queued = new Set(queue)
  let guard = 0
  while (queue.length > 0 && guard++ < 100_000) {
    const v = queue.pop()!
    queued.delete(v)
    const touched: number[] = []
    if (!twoOpt(s, v, touched) && !orOpt(s, v, touched)) continue
    for (const u of [v, ...touched]) {
      if (!queued.has(u)) {
        queued.add(u)
        queue.push(u)
      }
    }
  }
  return { tour: s.tour, delta: s.delta }
}
