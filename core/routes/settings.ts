import { z } from 'zod'
import { reject, type Rejection } from '../errors.js'
import { err, ok, type Result } from '../result.js'
import { DEFAULT_TRAVEL, type TravelModel } from './travel.js'

/** Travel model and search effort for route plans; config/itinerary.yaml (section `routes`) overrides the defaults. */
export type RouteSettings = TravelModel & { iterations: number; restarts: number; seed: number }

export const DEFAULT_ROUTE_SETTINGS: RouteSettings = { ...DEFAULT_TRAVEL, iterations: 2000, restarts: 3, seed: 20260309 }

const Schema = z
  .object({
    roadFactor: z.number().min(1),
    speedKmh: z.number().positive(),
    iterations: z.number().int().min(0).max(1_000_000),
    restarts: z.number().int().min(1).max(100),
    seed: z.number().int(),
  })
  .partial()
  .strict()

export function parseRouteSettings(raw: unknown): Result<RouteSettings, Rejection> {
  const r = Schema.safeParse(raw ?? {})
  if (!r.success) {
    const issues = r.error.issues.map((i) => `routes.${i.path.join('.')}: ${i.message}`).join('; ')
    return err(reject('CONFIG_INVALID', { issues }))
  }
  return ok({ ...DEFAULT_ROUTE_SETTINGS, ...r.data })
}
