import { separationM } from '../geo/distance.js'
import type { Fix } from './check-in.js'
import type { ItineraryThresholds } from './thresholds.js'

/**
 * Whether nobody could have checked in at `a` and then at `b` (b not earlier than a): after the error circles, the
 * leftover distance by road at the fastest plausible speed, plus a minimal stay at `a`, needs more time than passed.
 */
export function isUnreachable(a: Fix, b: Fix, t: ItineraryThresholds): boolean {
  const gapM = separationM(a.pos, a.accuracyM, b.pos, b.accuracyM, t.gpsSlackM)
  if (gapM <= 0) return false
  const driveMin = ((gapM * t.roadFactor) / 1000 / t.maxRoadSpeedKmh) * 60
  return (b.atMs - a.atMs) / 60_000 < t.minDwellMin + driveMin
}

function isTeleport(a: Fix, b: Fix, t: ItineraryThresholds): boolean {
  if (b.atMs - a.atMs > t.sameTimeWindowMin * 60_000) return false
  const gapM = separationM(a.pos, a.accuracyM, b.pos, b.accuracyM, t.gpsSlackM)
  return gapM > t.teleportMinDistanceM && isUnreachable(a, b, t)
}

function timeline(fixes: readonly Fix[]): Fix[][] {
  const byRep = new Map<string, Fix[]>()
  for (const f of fixes) byRep.set(f.repId, [...(byRep.get(f.repId) ?? []), f])
  return [...byRep.values()].map((list) => list.sort((a, b) => a.atMs - b.atMs || a.index - b.index))
}

/** Ids of check-ins in two places at (nearly) the same time, and of those reached from the previous one too fast. */
export function movementAnomalies(fixes: readonly Fix[], t: ItineraryThresholds): { teleport: Set<string>; speed: Set<string> } {
  const teleport = new Set<string>()
  const speed = new Set<string>()
  const windowMs = t.sameTimeWindowMin * 60_000
  for (const line of timeline(fixes)) {
    const paired = new Set<string>()
    line.forEach((a, i) => {
      for (let j = i + 1; j < line.length && line[j]!.atMs - a.atMs <= windowMs; j++) {
        const b = line[j]!
        if (!isTeleport(a, b, t)) continue
        teleport.add(a.id).add(b.id)
        paired.add(`${a.id}\n${b.id}`)
      }
    })
    for (let j = 1; j < line.length; j++) {
      const b = line[j]!
      // when the previous moment holds several check-ins (a teleport), the rep may have come from any of them
      const prev = line[j - 1]!
      const anchors = line.slice(0, j).filter((k) => prev.atMs - k.atMs <= windowMs)
      if (anchors.some((k) => paired.has(`${k.id}\n${b.id}`))) continue
      if (anchors.every((k) => isUnreachable(k, b, t))) speed.add(b.id)
    }
  }
  return { teleport, speed }
}
