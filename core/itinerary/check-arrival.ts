import type { Rejection } from '../errors.js'
import { err, ok, type Result } from '../result.js'
import type { CheckIn } from './check-in.js'
import { checkItinerary, type VisitFlags } from './check-itinerary.js'
import { DEFAULT_THRESHOLDS, type ItineraryThresholds } from './thresholds.js'

export type ArrivalFlags = { arrived: VisitFlags; changed: VisitFlags[] }

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i])

/**
 * Flags for one check-in as it reaches the server (offline syncs included), judged against `history`: the rep's
 * check-ins around it (a day either side is enough for the movement checks) and any earlier check-in carrying the same
 * photo hash. `changed` lists stored records whose flags differ once the new one is known: a teleport marks both
 * records, and a visit synced late can make the next one impossible to reach, or explain it.
 */
export function checkArrival(
  arrived: CheckIn,
  history: readonly CheckIn[],
  thresholds: ItineraryThresholds = DEFAULT_THRESHOLDS,
): Result<ArrivalFlags, Rejection> {
  const others = history.filter((c) => c.id !== arrived.id)
  const before = checkItinerary(others, thresholds)
  if (!before.ok) return err(before.error)
  const after = checkItinerary([...others, arrived], thresholds)
  if (!after.ok) return err(after.error)
  const old = new Map(before.value.map((v) => [v.id, v.anomalies]))
  const changed = after.value.filter((v) => v.id !== arrived.id && !same(old.get(v.id) ?? [], v.anomalies))
  return ok({ arrived: after.value[after.value.length - 1]!, changed })
}
