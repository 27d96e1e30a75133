/**
 * A routing problem over nodes 0..n-1 (stops and the start): travel[i][j] in one unit (minutes, or matrix units),
 * visit windows [ready, due] in the same time unit, service time spent at each node. Waiting for a window to open
 * is allowed; starting service after `due` is a violation.
 */
export type RouteProblem = {
  travel: readonly (readonly number[])[]
  ready: readonly number[]
  due: readonly number[]
  service: readonly number[]
  start: number
  startTime: number
  returnToStart: boolean
}

export type TourEval = {
  travel: number
  /** Sum over nodes of how late service would start after `due`: 0 means the tour honours every window. */
  lateness: number
  /** Time service begins at each node of the tour (after any wait), aligned with the tour. */
  begins: number[]
  lateNodes: number[]
  /** Arrival back at the start when the tour returns there, else null. */
  returnAt: number | null
}

export const hasWindows = (p: RouteProblem): boolean =>
  p.ready.some((r) => r > p.startTime) || p.due.some((d) => Number.isFinite(d))

export function evaluateTour(p: RouteProblem, tour: readonly number[]): TourEval {
  const begins: number[] = []
  const lateNodes: number[] = []
  let travel = 0
  let lateness = 0
  let prev = tour[0]!
  let t = Math.max(p.startTime, p.ready[prev]!)
  begins.push(t)
  for (let k = 1; k < tour.length; k++) {
    const node = tour[k]!
    const leg = p.travel[prev]![node]!
    travel += leg
    const arrive = t + p.service[prev]! + leg
    if (arrive > p.due[node]! + 1e-9) {
      lateness += arrive - p.due[node]!
      lateNodes.push(node)
    }
    t = Math.max(arrive, p.ready[node]!)
    begins.push(t)
    prev = node
  }
  let returnAt: number | null = null
  if (p.returnToStart && tour.length > 1) {
    const leg = p.travel[prev]![tour[0]!]!
    travel += leg
    returnAt = t + p.service[prev]! + leg
    if (returnAt > p.due[tour[0]!]! + 1e-9) lateness += returnAt - p.due[tour[0]!]!
  }
  return { travel, lateness, begins, lateNodes, returnAt }
}

/** Whether every service starts by its due time; allocation-free and stops at the first miss (the hot path). */
export function isOnTime(p: RouteProblem, tour: readonly number[]): boolean {
  let prev = tour[0]!
  let t = Math.max(p.startTime, p.ready[prev]!)
  for (let k = 1; k < tour.length; k++) {
    const node = tour[k]!
    const arrive = t + p.service[prev]! + p.travel[prev]![node]!
    if (arrive > p.due[node]! + 1e-9) return false
    t = arrive > p.ready[node]! ? arrive : p.ready[node]!
    prev = node
  }
  return !p.returnToStart || t + p.service[prev]! + p.travel[prev]![tour[0]!]! <= p.due[tour[0]!]! + 1e-9
}

/**
 * Lateness and travel only, without allocating; gives up (null) once lateness exceeds `bound`, which is how the repair
 * phase discards most candidate moves after timing just the start of the tour.
 */
export function scoreTour(p: RouteProblem, tour: readonly number[], bound: number): { lateness: number; travel: number } | null {
  let prev = tour[0]!
  let t = Math.max(p.startTime, p.ready[prev]!)
  let travel = 0
  let lateness = 0
  for (let k = 1; k <= tour.length; k++) {
    if (k === tour.length && !p.returnToStart) break
    const node = tour[k % tour.length]!
    const leg = p.travel[prev]![node]!
    travel += leg
    const arrive = t + p.service[prev]! + leg
    if (arrive > p.due[node]!) lateness += arrive - p.due[node]!
    if (lateness > bound + 1e-9) return null
    t = arrive > p.ready[node]! ? arrive : p.ready[node]!
    prev = node
  }
  return { lateness, travel }
}

/** Lexicographic: fewer window violations first, then less travel. */
export function isBetter(a: { lateness: number; travel: number }, b: { lateness: number; travel: number }): boolean {
  if (Math.abs(a.lateness - b.lateness) > 1e-9) return a.lateness < b.lateness
  return a.travel < b.travel - 1e-9
}

/** Stops that no order can serve in time: even driving there first, service would start after `due`. */
export function unreachableNodes(p: RouteProblem): number[] {
  const t0 = Math.max(p.startTime, p.ready[p.start]!) + p.service[p.start]!
  return p.travel
    .map((_, i) => i)
    .filter((i) => i !== p.start && t0 + p.travel[p.start]![i]! > p.due[i]! + 1e-9)
}
