/**
 * npm run bench:routes
 *
 * Classic TSPLIB instances (known optima): gap of our plan to the optimum, with the naive nearest-neighbour tour
 * measured beside it (and our length as a ratio to it). TSPTW instances (bench/data/routes/tsptw): feasibility and
 * length against the reference tour they were generated around, with earliest-deadline order as the naive baseline.
 * A 30-stop day (stops form): planning time, target < 500 ms. Times are wall clock and process CPU (the machine is
 * shared, so CPU is the steadier figure). Settings come from config/itinerary.yaml, section `routes`.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { planDay } from '../core/routes/day-plan.js'
import { mulberry32 } from '../core/routes/prng.js'
import { matrixProblem, MatrixInputSchema, StopsInputSchema } from '../core/routes/route-input.js'
import { parseRouteSettings } from '../core/routes/settings.js'
import { nearestNeighbourTour, solveTour } from '../core/routes/solve.js'
import { evaluateTour, type RouteProblem } from '../core/routes/tour.js'
import { parseTsplib, tsplibMatrix } from '../core/routes/tsplib.js'

const DATA = join(import.meta.dirname, 'data', 'routes')
const OPTIMA: Record<string, number> = { berlin52: 7542, eil51: 426, att48: 10628, st70: 675 }

const config = parseYaml(readFileSync(join(import.meta.dirname, '..', 'config', 'itinerary.yaml'), 'utf8')) as { routes?: unknown }
const parsedSettings = parseRouteSettings(config.routes)
if (!parsedSettings.ok) throw new Error(JSON.stringify(parsedSettings.error))
const settings = parsedSettings.value

function timed<T>(fn: () => T): { value: T; wallMs: number; cpuMs: number } {
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  const value = fn()
  return { value, wallMs: performance.now() - t0, cpuMs: process.cpuUsage(c0).user / 1000 }
}

const solve = (p: RouteProblem) => solveTour(p, { iterations: settings.iterations, restarts: settings.restarts, rand: mulberry32(settings.seed) })
const pct = (x: number) => `${(x * 100).toFixed(2)}%`
const ms = (t: { wallMs: number; cpuMs: number }) => `${t.wallMs.toFixed(0)} ms (cpu ${t.cpuMs.toFixed(0)})`

console.log(`settings: ${settings.iterations} iterations, ${settings.restarts} starts, seed ${settings.seed}\n`)
console.log('TSPLIB (symmetric, returning to the start):')
const gaps: number[] = []
const nnGaps: number[] = []
for (const [name, opt] of Object.entries(OPTIMA)) {
  const inst = parseTsplib(readFileSync(join(DATA, `${name}.tsp`), 'utf8'))
  if (!inst.ok) throw new Error(JSON.stringify(inst.error))
  const m = tsplibMatrix(inst.value)
  const p: RouteProblem = { travel: m, ready: m.map(() => 0), due: m.map(() => Infinity), service: m.map(() => 0), start: 0, startTime: 0, returnToStart: true }
  const ours = timed(() => solve(p))
  const nn = evaluateTour(p, nearestNeighbourTour(p)).travel
  const gap = ours.value.eval.travel / opt - 1
  gaps.push(gap)
  nnGaps.push(nn / opt - 1)
  console.log(`  ${name.padEnd(9)} n=${m.length}  ours ${ours.value.eval.travel} (gap ${pct(gap)})  nearest-neighbour ${nn} (gap ${pct(nn / opt - 1)})  ours/NN ${(ours.value.eval.travel / nn).toFixed(3)}  ${ms(ours)}`)
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
console.log(`  mean gap ${pct(mean(gaps))}  (nearest-neighbour baseline ${pct(mean(nnGaps))})\n`)

/**
 * Exact TSPTW optimum by dynamic programming over (visited set, last node) with Pareto labels (time, travel); only
 * practical for ~20 customers, which is where it is used, to give the small windowed instances a true gap.
 */
function exactOptimum(p: RouteProblem): number {
  const n = p.travel.length
  type Label = [time: number, travel: number]
  const add = (m: Map<number, Label[]>, key: number, l: Label) => {
    const ls = m.get(key) ?? []
    if (ls.some(([t, c]) => t <= l[0] && c <= l[1])) return
    m.set(key, [...ls.filter(([t, c]) => !(l[0] <= t && l[1] <= c)), l])
  }
  let layer = new Map<number, Label[]>([[p.start, [[p.startTime, 0]]]])
  for (let size = 1; size < n; size++) {
    const next = new Map<number, Label[]>()
    for (const [key, labels] of layer) {
      const mask = Math.floor(key / 64), last = key % 64
      for (let j = 0; j < n; j++) {
        if (j === p.start || mask & (1 << j)) continue
        for (const [t, c] of labels) {
          const arrive = t + p.service[last]! + p.travel[last]![j]!
          if (arrive <= p.due[j]!) add(next, (mask | (1 << j)) * 64 + j, [Math.max(arrive, p.ready[j]!), c + p.travel[last]![j]!])
        }
      }
    }
    layer = next
  }
  let best = Infinity
  for (const [key, labels] of layer) {
    const last = key % 64
    for (const [t, c] of labels) {
      if (!p.returnToStart) best = Math.min(best, c)
      else if (t + p.service[last]! + p.travel[last]![p.start]! <= p.due[p.start]!) best = Math.min(best, c + p.travel[last]![p.start]!)
    }
  }
  return best
}

console.log('TSPTW (generated around a known feasible tour, see README):')
let infeasible = 0
for (const file of readdirSync(join(DATA, 'tsptw')).filter((f) => f.endsWith('.json')).sort()) {
  const raw = JSON.parse(readFileSync(join(DATA, 'tsptw', file), 'utf8')) as { reference: { cost: number } }
  const p = matrixProblem(MatrixInputSchema.parse(raw))
  if (!p.ok) throw new Error(JSON.stringify(p.error))
  const ours = timed(() => solve(p.value))
  const order = p.value.travel.map((_, i) => i).filter((i) => i !== p.value.start).sort((a, b) => p.value.due[a]! - p.value.due[b]!)
  const edf = evaluateTour(p.value, [p.value.start, ...order])
  const ok = ours.value.eval.lateness <= 1e-9
  if (!ok) infeasible++
  const optimum = p.value.travel.length <= 21 ? exactOptimum(p.value) : null
  const exact = optimum === null ? '' : `  exact optimum ${optimum} (gap ${pct(ours.value.eval.travel / optimum - 1)})`
  console.log(`  ${file.replace('.json', '').padEnd(14)} feasible ${ok ? 'yes' : 'NO '}  ours ${ours.value.eval.travel} / reference ${raw.reference.cost} = ${(ours.value.eval.travel / raw.reference.cost).toFixed(3)}${exact}  earliest-deadline ${edf.travel} (${edf.lateness > 0 ? 'late' : 'on time'})  ${ms(ours)}`)
}
console.log(`  ${infeasible === 0 ? 'every instance feasible' : `${infeasible} instance(s) NOT feasible`}\n`)

const day = StopsInputSchema.parse(JSON.parse(readFileSync(join(DATA, 'day30-hangzhou.json'), 'utf8')))
const plan = timed(() => planDay(day, settings))
if (!plan.value.ok) throw new Error(JSON.stringify(plan.value.error))
const warm = [1, 2, 3].map(() => timed(() => planDay(day, settings))).sort((a, b) => a.wallMs - b.wallMs)[1]!
console.log(`30-stop day (Hangzhou, clinic windows): feasible ${plan.value.value.feasible}, ${plan.value.value.travelMin} min driving`)
console.log(`  planned in ${ms(plan)} on the first call, ${ms(warm)} warm (median of 3; a worker plans many days) — target < 500 ms`)
if (infeasible > 0 || !plan.value.value.feasible) process.exitCode = 1
