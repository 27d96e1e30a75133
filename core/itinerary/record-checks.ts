import type { AnomalyCode, Fix } from './check-in.js'
import { localClock, parseClock } from './instant.js'
import type { ItineraryThresholds } from './thresholds.js'

/** Checks that need only the record itself. */
export function recordAnomalies(f: Fix, t: ItineraryThresholds): AnomalyCode[] {
  const codes: AnomalyCode[] = []
  // EXIF time comes from the same phone clock as deviceTime, so the two agree even when that clock is wrong
  if (f.exifMs !== null && Math.abs(f.exifMs - f.deviceMs) > t.exifMaxGapMin * 60_000) codes.push('EXIF_TIME_MISMATCH')
  if (f.deviceClockAhead) codes.push('FUTURE_TIMESTAMP')
  if (f.accuracyM > t.maxAccuracyM) codes.push('GPS_LOW_ACCURACY')
  if (!isWithinWorkingHours(f.atMs, t)) codes.push('OUTSIDE_HOURS')
  return codes
}

export function isWorkday(date: string, weekday: number, t: ItineraryThresholds): boolean {
  if (t.extraWorkdays.includes(date)) return true
  if (t.holidays.includes(date)) return false
  return t.workWeekdays.includes(weekday)
}

export function isWithinWorkingHours(epochMs: number, t: ItineraryThresholds): boolean {
  const c = localClock(epochMs, t.utcOffsetMin)
  if (!isWorkday(c.date, c.weekday, t)) return false
  const start = parseClock(t.workStart) ?? 0
  const end = parseClock(t.workEnd) ?? 1440
  return c.minuteOfDay >= start && c.minuteOfDay < end
}

/** Every use of a photo after the first one the server received, by any rep. */
export function reusedPhotos(fixes: readonly Fix[]): Set<string> {
  const byArrival = [...fixes].sort((a, b) => a.serverMs - b.serverMs || a.index - b.index)
  const firstUse = new Set<string>()
  const reused = new Set<string>()
  for (const f of byArrival) {
    if (f.photoHash === null) continue
    if (firstUse.has(f.photoHash)) reused.add(f.id)
    else firstUse.add(f.photoHash)
  }
  return reused
}
