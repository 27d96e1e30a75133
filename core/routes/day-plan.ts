import { toWgs84, type CoordSystem } from '../geo/china-datum.js'
import type { LatLng } from '../geo/distance.js'
import { reject, type Rejection } from '../errors.js'
import { err, ok, type Result } from '../result.js'
import { formatClock, parseClock } from '../itinerary/instant.js'
import { navLinks, type NavLinks } from './nav-links.js'
import { mulberry32 } from './prng.js'
import { DEFAULT_ROUTE_SETTINGS, type RouteSettings } from './settings.js'
import { solveTour } from './solve.js'
import type { RouteProblem } from './tour.js'
import { roadKm, travelMinutes } from './travel.js'

/** A customer to visit today (拜访): position, the visit window such as a clinic's hours, and the time it takes. */
export type DayStop = { id: string; name?: string; lat: number; lng: number; window?: readonly [string, string] | null; serviceMin?: number }

export type DayPlanRequest = {
  stops: readonly DayStop[]
  start: LatLng & { name?: string }
  departAt: string
  returnToStart?: boolean
  /** Datum of every point in the request; device fixes are WGS-84, WeCom's getLocation defaults to GCJ-02. */
  coordSystem?: CoordSystem
}

export type DayLeg = {
  fromId: string | null
  toId: string | null
  departAt: string
  arriveAt: string
  /** When the visit can begin: the arrival, or the window's opening if the rep is early. */
  startAt: string
  travelMin: number
  roadKm: number
  late: boolean
  links: NavLinks
}

export type DayPlan = {
  order: string[]
  arrivals: string[]
  travelMin: number
  feasible: boolean
  late: string[]
  legs: DayLeg[]
  /** Set when some visit cannot start inside its window, naming the stops (the plan is still the best found). */
  rejection: Rejection | null
}

type Node = LatLng & { id: string | null; name: string; ready: number; due: number; service: number }

function toNodes(req: DayPlanRequest): Result<Node[], Rejection> {
  const sys = req.coordSystem ?? 'wgs84'
  const nodes: Node[] = [{ ...toWgs84(req.start, sys), id: null, name: req.start.name ?? 'start', ready: 0, due: Infinity, service: 0 }]
  for (const s of req.stops) {
    const ready = s.window ? parseClock(s.window[0]) : 0
    const due = s.window ? parseClock(s.window[1]) : Infinity
    if (ready === null || due === null || ready > due) {
      return err(reject('BAD_REQUEST', { detail: `stop ${s.id}: window must be ["HH:MM","HH:MM"], opening first` }))
    }
    nodes.push({ ...toWgs84(s, sys), id: s.id, name: s.name ?? s.id, ready, due, service: s.serviceMin ?? 0 })
  }
  return ok(nodes)
}

/** Orders a rep's day, times every visit and gives each leg its navigation links. */
export function planDay(req: DayPlanRequest, settings: RouteSettings = DEFAULT_ROUTE_SETTINGS): Result<DayPlan, Rejection> {
  const departAt = parseClock(req.departAt)
  if (departAt === null) return err(reject('BAD_REQUEST', { detail: `departAt must be HH:MM, got ${req.departAt}` }))
  const nodes = toNodes(req)
  if (!nodes.ok) return nodes
  const ns = nodes.value
  const p: RouteProblem = {
    travel: travelMinutes(ns, settings),
    ready: ns.map((n) => n.ready),
    due: ns.map((n) => n.due),
    service: ns.map((n) => n.service),
    start: 0,
    startTime: departAt,
    returnToStart: req.returnToStart ?? false,
  }
  const best = solveTour(p, { iterations: settings.iterations, restarts: settings.restarts, rand: mulberry32(settings.seed) })
  const { tour, eval: e } = best
  const stopsOf = (idx: readonly number[]) => idx.filter((i) => i !== 0).map((i) => ns[i]!.id!)
  const legs = tour.slice(1).map((to, k) => leg(p, ns, tour[k]!, to, e.begins[k]!, e.begins[k + 1]!, settings))
  if (p.returnToStart && tour.length > 1) {
    const last = tour[tour.length - 1]!
    legs.push(leg(p, ns, last, 0, e.begins[tour.length - 1]!, e.returnAt!, settings))
  }
  const late = stopsOf(e.lateNodes)
  return ok({
    order: stopsOf(tour),
    arrivals: e.begins.slice(1).map(formatClock),
    travelMin: Math.round(e.travel * 10) / 10,
    feasible: e.lateness <= 1e-9,
    late,
    legs,
    rejection: late.length > 0 ? reject('ROUTE_WINDOW_UNREACHABLE', { stops: late.join(', ') }) : null,
  })
}

function leg(p: RouteProblem, ns: readonly Node[], from: number, to: number, beginFrom: number, beginTo: number, s: RouteSettings): DayLeg {
  const a = ns[from]!
  const b = ns[to]!
  const depart = beginFrom + p.service[from]!
  const arrive = depart + p.travel[from]![to]!
  return {
    fromId: a.id,
    toId: b.id,
    departAt: formatClock(depart),
    arriveAt: formatClock(arrive),
    startAt: formatClock(to === 0 ? arrive : beginTo),
    travelMin: Math.round(p.travel[from]![to]! * 10) / 10,
    roadKm: Math.round(roadKm(a, b, s) * 10) / 10,
    late: arrive > b.due + 1e-9,
    links: navLinks(a, b, 'wgs84'),
  }
}
