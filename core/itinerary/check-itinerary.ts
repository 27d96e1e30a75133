import { err, ok, type Result } from '../result.js'
import type { Rejection } from '../errors.js'
import { ANOMALY_CODES, toFix, type AnomalyCode, type CheckIn, type Fix } from './check-in.js'
import { movementAnomalies } from './movement.js'
import { recordAnomalies, reusedPhotos } from './record-checks.js'
import { DEFAULT_THRESHOLDS, type ItineraryThresholds } from './thresholds.js'

export type VisitFlags = { id: string; anomalies: AnomalyCode[] }

/**
 * Flags every check-in in the batch; the batch should hold the reps' recent history (movement and photo reuse are
 * judged against the other records in it). Result order follows the input; codes follow ANOMALY_CODES.
 */
export function checkItinerary(
  checkIns: readonly CheckIn[],
  thresholds: ItineraryThresholds = DEFAULT_THRESHOLDS,
): Result<VisitFlags[], Rejection> {
  const fixes: Fix[] = []
  for (const [i, c] of checkIns.entries()) {
    const f = toFix(c, i, thresholds)
    if (!f.ok) return err(f.error)
    fixes.push(f.value)
  }
  const moves = movementAnomalies(fixes, thresholds)
  const reused = reusedPhotos(fixes)
  return ok(
    fixes.map((f) => {
      const found = new Set<AnomalyCode>(recordAnomalies(f, thresholds))
      if (moves.speed.has(f.id)) found.add('IMPOSSIBLE_SPEED')
      if (moves.teleport.has(f.id)) found.add('TELEPORT_SAME_TIME')
      if (reused.has(f.id)) found.add('PHOTO_REUSED')
      return { id: f.id, anomalies: ANOMALY_CODES.filter((code) => found.has(code)) }
    }),
  )
}
