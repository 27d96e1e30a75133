import type { Rejection } from '../errors.js'
import { err, ok, type Result } from '../result.js'
import { configSection, parseJsonText } from '../itinerary/cli-input.js'
import { planDay } from './day-plan.js'
import { mulberry32 } from './prng.js'
import { matrixProblem, parseRouteInput, type MatrixInput } from './route-input.js'
import { parseRouteSettings, type RouteSettings } from './settings.js'
import { solveTour } from './solve.js'

/** What `npm run route` prints; `late` appears only when some window cannot be honoured. */
export type RouteOutput = {
  order: (number | string)[]
  cost: number
  feasible: boolean
  arrivals: (number | string)[]
  late?: (number | string)[]
}

// sums of float matrices pick up noise in the last bits; 1e-6 keeps integer instances integer
const tidy = (x: number): number => Math.round(x * 1e6) / 1e6

function solveMatrix(m: MatrixInput, s: RouteSettings): Result<RouteOutput, Rejection> {
  const p = matrixProblem(m)
  if (!p.ok) return p
  const { tour, eval: e } = solveTour(p.value, { iterations: s.iterations, restarts: s.restarts, rand: mulberry32(s.seed) })
  const out: RouteOutput = { order: tour, cost: tidy(e.travel), feasible: e.lateness <= 1e-9, arrivals: e.begins.map(tidy) }
  return ok(e.lateness > 1e-9 ? { ...out, late: e.lateNodes } : out)
}

/** The whole of `npm run route` but the file reads: input text + config document → the stdout JSON. */
export function routeOutput(inputText: string, configDoc: unknown): Result<string, Rejection> {
  const settings = parseRouteSettings(configSection(configDoc, 'routes'))
  if (!settings.ok) return settings
  const json = parseJsonText(inputText, 'the route file')
  if (!json.ok) return json
  const input = parseRouteInput(json.value)
  if (!input.ok) return input
  if (input.value.kind === 'matrix') {
    const r = solveMatrix(input.value.input, settings.value)
    return r.ok ? ok(JSON.stringify(r.value)) : err(r.error)
  }
  const plan = planDay(input.value.input, settings.value)
  if (!plan.ok) return plan
  const { order, travelMin, feasible, arrivals, late } = plan.value
  const out: RouteOutput = { order, cost: travelMin, feasible, arrivals }
  return ok(JSON.stringify(feasible ? out : { ...out, late }))
}
