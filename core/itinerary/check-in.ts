import { z } from 'zod'
import { COORD_SYSTEMS, toWgs84 } from '../geo/china-datum.js'
import type { LatLng } from '../geo/distance.js'
import { reject, type Rejection } from '../errors.js'
import { err, ok, type Result } from '../result.js'
import { parseInstant } from './instant.js'
import type { ItineraryThresholds } from './thresholds.js'

/** The anomaly codes of issue 9, in the order they are reported. */
export const ANOMALY_CODES = [
  'IMPOSSIBLE_SPEED',
  'TELEPORT_SAME_TIME',
  'EXIF_TIME_MISMATCH',
  'FUTURE_TIMESTAMP',
  'PHOTO_REUSED',
  'GPS_LOW_ACCURACY',
  'OUTSIDE_HOURS',
] as const
export type AnomalyCode = (typeof ANOMALY_CODES)[number]

/** A rep's visit check-in (拜访签到) as the phone sends it. Coordinates are WGS-84 unless coordSystem says gcj02. */
export const CheckInSchema = z.object({
  id: z.string().min(1),
  repId: z.string().min(1),
  customerId: z.string().optional(),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  // a missing accuracy cannot be judged: treated as a precise fix rather than refusing the whole batch
  accuracyM: z.number().min(0).nullish(),
  coordSystem: z.enum(COORD_SYSTEMS).optional(),
  deviceTime: z.string(),
  serverTime: z.string(),
  photoHash: z.string().nullish(),
  photoExifTime: z.string().nullish(),
})
export type CheckIn = z.infer<typeof CheckInSchema>

/** A check-in with parsed instants, a WGS-84 position and the time it is placed at on the rep's timeline. */
export type Fix = {
  id: string
  repId: string
  index: number
  pos: LatLng
  accuracyM: number
  deviceMs: number
  serverMs: number
  exifMs: number | null
  photoHash: string | null
  /** Device time when the phone's clock is consistent with the server's, otherwise the server's receive time. */
  atMs: number
  deviceClockAhead: boolean
}

function instantOrReject(text: string, field: string, id: string, offsetMin: number): Result<number, Rejection> {
  const ms = parseInstant(text, offsetMin)
  return ms === null ? err(reject('BAD_REQUEST', { detail: `${id}.${field}: not an ISO 8601 time: ${text}` })) : ok(ms)
}

export function toFix(c: CheckIn, index: number, t: ItineraryThresholds): Result<Fix, Rejection> {
  const device = instantOrReject(c.deviceTime, 'deviceTime', c.id, t.utcOffsetMin)
  if (!device.ok) return device
  const server = instantOrReject(c.serverTime, 'serverTime', c.id, t.utcOffsetMin)
  if (!server.ok) return server
  let exifMs: number | null = null
  if (c.photoExifTime) {
    const exif = instantOrReject(c.photoExifTime, 'photoExifTime', c.id, t.utcOffsetMin)
    if (!exif.ok) return exif
    exifMs = exif.value
  }
  // an offline visit is uploaded late, so only a device clock *ahead* of the server is inconsistent
  const deviceClockAhead = device.value > server.value + t.clockSkewToleranceSec * 1000
  return ok({
    id: c.id,
    repId: c.repId,
    index,
    pos: toWgs84({ lat: c.lat, lng: c.lng }, c.coordSystem ?? 'wgs84'),
    accuracyM: c.accuracyM ?? 0,
    deviceMs: device.value,
    serverMs: server.value,
    exifMs,
    photoHash: c.photoHash ? c.photoHash.toLowerCase() : null,
    atMs: deviceClockAhead ? server.value : device.value,
    deviceClockAhead,
  })
}

/** Validates untrusted JSON (e.g. a file given to the CLI) as a list of check-ins. */
export function parseCheckIns(raw: unknown): Result<CheckIn[], Rejection> {
  const r = z.array(CheckInSchema).safeParse(raw)
  if (!r.success) {
    const detail = r.error.issues.slice(0, 5).map((i) => `[${i.path.join('.')}] ${i.message}`).join('; ')
    return err(reject('BAD_REQUEST', { detail }))
  }
  const seen = new Set<string>()
  for (const c of r.data) {
    if (seen.has(c.id)) return err(reject('BAD_REQUEST', { detail: `duplicate check-in id ${c.id}` }))
    seen.add(c.id)
  }
  return ok(r.data)
}
