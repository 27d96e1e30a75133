import { localSearch, type Current, type SearchSpace } from './local-search.js'
import { randomInt, type Prng } from './prng.js'
import { queuedSearch } from './tsp-search.js'
import { evaluateTour, hasWindows, isBetter, type RouteProblem } from './tour.js'

export type SolveOptions = {
  /** Perturbation + local-search rounds in total (split across restarts); the effort knob, since core has no clock. */
  iterations: number
  restarts: number
  rand: Prng
}

/** Greedy nearest neighbour from the start: the naive plan, and one of the starting points of the search. */
export function nearestNeighbourTour(p: RouteProblem, first = -1): number[] {
  const left = new Set(p.travel.map((_, i) => i).filter((i) => i !== p.start))
  const tour = [p.start]
  if (first >= 0 && left.delete(first)) tour.push(first)
  while (left.size > 0) {
    const from = tour[tour.length - 1]!
    let best = -1
    for (const j of left) if (best < 0 || p.travel[from]![j]! < p.travel[from]![best]!) best = j
    tour.push(best)
    left.delete(best)
  }
  return tour
}

/** Earliest deadline first: under tight windows this is close to feasible, which the repair phase then finishes. */
function deadlineTour(p: RouteProblem): number[] {
  const rest = p.travel.map((_, i) => i).filter((i) => i !== p.start)
  rest.sort((a, b) => p.due[a]! - p.due[b]! || p.ready[a]! - p.ready[b]! || a - b)
  return [p.start, ...rest]
}

/** Double bridge (three cuts within `width` positions, re-joined as A C B D): a jump 2-opt and Or-opt can't undo. */
function doubleBridge(tour: readonly number[], rand: Prng, width: number): number[] {
  const n = tour.length
  if (n < 5) return [...tour]
  const a = randomInt(rand, 1, n - 2)
  const c = randomInt(rand, a + 2, Math.min(n, a + Math.max(3, width)) + 1)
  const b = randomInt(rand, a + 1, c)
  return [...tour.slice(0, a), ...tour.slice(b, c), ...tour.slice(a, b), ...tour.slice(c)]
}

/** Nodes whose tour neighbours differ between two tours: where a local search after a kick must look. */
function changedNodes(before: readonly number[], after: readonly number[]): number[] {
  const n = after.length
  const next = new Int32Array(n)
  before.forEach((v, k) => (next[v] = before[(k + 1) % n]!))
  return after.filter((v, k) => next[v] !== after[(k + 1) % n] || next[after[(k + n - 1) % n]!] !== v)
}

/** Each node's k nearest others (either direction), the candidate list that keeps moves cheap. */
function nearest(p: RouteProblem, k: number): number[][] {
  const near = (i: number, j: number) => Math.min(p.travel[i]![j]!, p.travel[j]![i]!)
  return p.travel.map((_, i) => p.travel.map((__, j) => j).filter((j) => j !== i).sort((a, b) => near(i, a) - near(i, b)).slice(0, k))
}

function isSymmetric(p: RouteProblem): boolean {
  return p.travel.every((row, i) => row.every((v, j) => Math.abs(v - p.travel[j]![i]!) < 1e-9))
}

type Improve = (tour: number[], dirty: readonly number[]) => Current

function improver(p: RouteProblem, windows: boolean): Improve {
  const n = p.travel.length
  if (!windows && isSymmetric(p)) {
    const nb = nearest(p, Math.min(n - 1, 10))
    return (tour, dirty) => {
      const r = queuedSearch(p, nb, tour, dirty)
      return { tour: r.tour, eval: evaluateTour(p, r.tour) }
    }
  }
  // with windows, good moves stay local in time: limiting their reach keeps the O(n) re-timing affordable
  const span = windows ? Math.min(n, 16) : n
  const s: SearchSpace = { windows, symmetric: isSymmetric(p), span, margin: windows ? span : 3 }
  return (tour, dirty) => {
    const at = new Set(dirty)
    const moved = tour.flatMap((v, k) => (at.has(v) ? [k] : []))
    const region = { lo: Math.min(...moved) - 1, hi: Math.max(...moved) + 1 }
    return localSearch(p, s, { tour, eval: evaluateTour(p, tour) }, region)
  }
}

/** With windows: a double bridge or a short segment moved a few places, both local in time. */
function windowKick(tour: readonly number[], rand: Prng): number[] {
  if (rand() < 0.5) return doubleBridge(tour, rand, 8)
  const n = tour.length
  const len = randomInt(rand, 1, Math.min(3, n - 1) + 1)
  const i = randomInt(rand, 1, n - len + 1)
  const rest = [...tour.slice(0, i), ...tour.slice(i + len)]
  const at = Math.min(rest.length, Math.max(1, i + randomInt(rand, -6, 7)))
  return [...rest.slice(0, at), ...tour.slice(i, i + len), ...rest.slice(at)]
}

/** Iterated local search from a few constructions; deterministic for a given PRNG. */
export function solveTour(p: RouteProblem, o: SolveOptions): Current {
  const n = p.travel.length
  const windows = hasWindows(p)
  const improve = improver(p, windows)
  // the fast symmetric search re-examines only nodes at changed edges, so a tour-wide bridge is cheap there; the
  // generic search re-examines the stretch between the cuts, so its bridges stay short
  const kickWidth = !windows && isSymmetric(p) ? n : 12
  const starts = [windows ? deadlineTour(p) : nearestNeighbourTour(p)]
  for (let r = 1; r < Math.max(1, o.restarts); r++) {
    starts.push(windows ? windowKick(starts[0]!, o.rand) : nearestNeighbourTour(p, randomInt(o.rand, 0, n)))
  }
  let best: Current | null = null
  const perStart = Math.ceil(o.iterations / starts.length)
  for (const tour of starts) {
    let cur = improve(tour, tour)
    let runBest = cur
    for (let it = 0; it < perStart && n > 4; it++) {
      const kicked = windows ? windowKick(cur.tour, o.rand) : doubleBridge(cur.tour, o.rand, kickWidth)
      // a kick that breaks more windows than the current tour has would cost a full repair: skip it cheaply
      if (windows && evaluateTour(p, kicked).lateness > cur.eval.lateness + 1e-9) continue
      const next = improve(kicked, changedNodes(cur.tour, kicked))
      // accepting equal cost lets the search drift across plateaus instead of stalling
      if (!isBetter(cur.eval, next.eval)) cur = next
      if (isBetter(cur.eval, runBest.eval)) runBest = cur
    }
    if (best === null || isBetter(runBest.eval, best.eval)) best = runBest
  }
  return best ?? { tour: [p.start], eval: evaluateTour(p, [p.start]) }
}
