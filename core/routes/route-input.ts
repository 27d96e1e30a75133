import { z } from 'zod'
import { COORD_SYSTEMS } from '../geo/china-datum.js'
import { reject, type Rejection } from '../errors.js'
import { err, ok, type Result } from '../result.js'
import type { RouteProblem } from './tour.js'

const num = z.number().finite()

/** `npm run route` input, matrix form: TSPLIB / TSPTW instances (any consistent time and distance unit). */
export const MatrixInputSchema = z.object({
  matrix: z.array(z.array(num.min(0))).min(1),
  windows: z.array(z.tuple([num, num])).optional(),
  service: z.array(num.min(0)).optional(),
  start: z.number().int().min(0).default(0),
  returnToStart: z.boolean().default(true),
})
export type MatrixInput = z.infer<typeof MatrixInputSchema>

/** `npm run route` input, stops form: a rep's day with coordinates and "HH:MM" windows. */
export const StopsInputSchema = z.object({
  stops: z.array(
    z.object({
      id: z.union([z.string(), z.number()]).transform(String),
      name: z.string().optional(),
      lat: num.min(-90).max(90),
      lng: num.min(-180).max(180),
      window: z.tuple([z.string(), z.string()]).nullish(),
      serviceMin: num.min(0).optional(),
    }),
  ),
  start: z.object({ lat: num.min(-90).max(90), lng: num.min(-180).max(180), name: z.string().optional() }),
  departAt: z.string(),
  returnToStart: z.boolean().optional(),
  coordSystem: z.enum(COORD_SYSTEMS).optional(),
})
export type StopsInput = z.infer<typeof StopsInputSchema>

export type RouteInput = { kind: 'matrix'; input: MatrixInput } | { kind: 'stops'; input: StopsInput }

function issues(e: z.ZodError): string {
  return e.issues.slice(0, 5).map((i) => `[${i.path.join('.')}] ${i.message}`).join('; ')
}

/** Tells the two forms apart by their keys, then validates the one it is. */
export function parseRouteInput(raw: unknown): Result<RouteInput, Rejection> {
  const keys = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? Object.keys(raw) : []
  if (keys.includes('matrix')) {
    const r = MatrixInputSchema.safeParse(raw)
    return r.success ? ok({ kind: 'matrix', input: r.data }) : err(reject('BAD_REQUEST', { detail: issues(r.error) }))
  }
  if (keys.includes('stops')) {
    const r = StopsInputSchema.safeParse(raw)
    return r.success ? ok({ kind: 'stops', input: r.data }) : err(reject('BAD_REQUEST', { detail: issues(r.error) }))
  }
  return err(reject('BAD_REQUEST', { detail: 'expected an object with "matrix" or "stops"' }))
}

/** Checks the shapes zod cannot (square matrix, lengths, ranges) and builds the problem; time starts at the start's ready. */
export function matrixProblem(m: MatrixInput): Result<RouteProblem, Rejection> {
  const n = m.matrix.length
  const bad = (detail: string) => err(reject('BAD_REQUEST', { detail }))
  const row = m.matrix.findIndex((r) => r.length !== n)
  if (row >= 0) return bad(`matrix must be square: row ${row} has ${m.matrix[row]!.length} entries, expected ${n}`)
  if (m.start >= n) return bad(`start ${m.start} is not a node (0..${n - 1})`)
  if (m.windows && m.windows.length !== n) return bad(`windows has ${m.windows.length} entries, expected ${n}`)
  if (m.service && m.service.length !== n) return bad(`service has ${m.service.length} entries, expected ${n}`)
  const w = m.windows?.findIndex(([a, b]) => a > b) ?? -1
  if (w >= 0) return bad(`window ${w} opens after it closes`)
  const ready = m.windows?.map((x) => x[0]) ?? m.matrix.map(() => 0)
  return ok({
    travel: m.matrix,
    ready,
    due: m.windows?.map((x) => x[1]) ?? m.matrix.map(() => Infinity),
    service: m.service ?? m.matrix.map(() => 0),
    start: m.start,
    startTime: ready[m.start]!,
    returnToStart: m.returnToStart,
  })
}
