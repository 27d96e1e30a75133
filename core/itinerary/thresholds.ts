import { z } from 'zod'
import { reject, type Rejection } from '../errors.js'
import { err, ok, type Result } from '../result.js'
import type { CalendarYear } from '../timing/working-calendar.js'
import { parseClock } from './instant.js'

/** Limits for the itinerary checks; the values in config/itinerary.yaml override these defaults. */
export type ItineraryThresholds = {
  roadFactor: number
  maxRoadSpeedKmh: number
  minDwellMin: number
  gpsSlackM: number
  sameTimeWindowMin: number
  teleportMinDistanceM: number
  clockSkewToleranceSec: number
  exifMaxGapMin: number
  maxAccuracyM: number
  utcOffsetMin: number
  workStart: string
  workEnd: string
  workWeekdays: number[]
  /** Company days off and extra workdays on top of the shared statutory calendar (see withCalendars). */
  holidays: string[]
  extraWorkdays: string[]
}

/*
 * Why these numbers: roads in Zhejiang run ≈ 1.2–1.4× the great circle; 1.2 is the *low* end so that a fast
 * expressway trip (120 km/h limit, tolerated to ~130) is never called impossible, and 150 km/h door-to-door is beyond
 * any car. Reported GPS accuracy is a ~68 % radius and urban multipath exceeds it, hence the slack. Phone clocks synced
 * by the network sit within seconds of the server; 5 minutes is the usual skew tolerance (Kerberos). A visit lasts at
 * most about two hours, so a photo further than that from the check-in was not taken at that visit. Beyond ~1 km the
 * fix comes from cell towers and cannot tell one hospital from the next.
 */
export const DEFAULT_THRESHOLDS: ItineraryThresholds = {
  roadFactor: 1.2,
  maxRoadSpeedKmh: 150,
  minDwellMin: 2,
  gpsSlackM: 300,
  sameTimeWindowMin: 5,
  teleportMinDistanceM: 1000,
  clockSkewToleranceSec: 300,
  exifMaxGapMin: 120,
  maxAccuracyM: 1000,
  utcOffsetMin: 480,
  workStart: '07:30',
  workEnd: '18:30',
  workWeekdays: [1, 2, 3, 4, 5],
  holidays: [],
  extraWorkdays: [],
}

const clock = z.string().refine((s) => parseClock(s) !== null, 'expected HH:MM')
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
const positive = z.number().positive()

const Schema = z
  .object({
    roadFactor: z.number().min(1),
    maxRoadSpeedKmh: positive,
    minDwellMin: z.number().min(0),
    gpsSlackM: z.number().min(0),
    sameTimeWindowMin: z.number().min(0),
    teleportMinDistanceM: z.number().min(0),
    clockSkewToleranceSec: z.number().min(0),
    exifMaxGapMin: positive,
    maxAccuracyM: positive,
    utcOffsetMin: z.number().int().min(-720).max(840),
    workStart: clock,
    workEnd: clock,
    workWeekdays: z.array(z.number().int().min(0).max(6)),
    holidays: z.array(isoDate),
    extraWorkdays: z.array(isoDate),
  })
  .partial()
  .strict()

/** Reads the `itinerary` section of the config (any subset of keys) over the defaults. */
export function parseThresholds(raw: unknown): Result<ItineraryThresholds, Rejection> {
  const r = Schema.safeParse(raw ?? {})
  if (!r.success) {
    const issues = r.error.issues.map((i) => `itinerary.${i.path.join('.')}: ${i.message}`).join('; ')
    return err(reject('CONFIG_INVALID', { issues }))
  }
  const merged = { ...DEFAULT_THRESHOLDS, ...r.data }
  if ((parseClock(merged.workStart) ?? 0) >= (parseClock(merged.workEnd) ?? 0)) {
    return err(reject('CONFIG_INVALID', { issues: 'itinerary.workStart must be before itinerary.workEnd' }))
  }
  return ok(merged)
}

/** Adds the statutory holidays and adjusted workdays (调休) of the shared calendars (config/calendars/cn-<year>.yaml). */
export function withCalendars(t: ItineraryThresholds, years: readonly CalendarYear[]): ItineraryThresholds {
  const union = (own: readonly string[], more: (y: CalendarYear) => readonly string[]) => [...new Set([...own, ...years.flatMap(more)])].sort()
  return { ...t, holidays: union(t.holidays, (y) => y.holidays), extraWorkdays: union(t.extraWorkdays, (y) => y.workdays) }
}
