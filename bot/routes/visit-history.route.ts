import type { EntityManager } from 'typeorm'
import type { CheckIn } from '../../core/itinerary/check-in.js'
import { Activity } from '../../io/db/entities/activity.entity.js'

const DAY_MS = 86_400_000

/** A stored visit as the itinerary checks see it; null when it has no location. */
export function visitCheckIn(a: Activity): CheckIn | null {
  const loc = a.data.location as { lat?: unknown; lng?: unknown; accuracy?: unknown; coordSystem?: unknown } | null | undefined
  if (!loc || typeof loc.lat !== 'number' || typeof loc.lng !== 'number' || !a.memberId) return null
  return {
    id: a.id, repId: a.memberId, ...(a.customerId ? { customerId: a.customerId } : {}), lat: loc.lat, lng: loc.lng,
    accuracyM: typeof loc.accuracy === 'number' ? loc.accuracy : null, coordSystem: loc.coordSystem === 'gcj02' ? 'gcj02' : 'wgs84',
    deviceTime: (a.deviceAt ?? a.receivedAt).toISOString(), serverTime: a.receivedAt.toISOString(),
    photoHash: typeof a.data.photoSha256 === 'string' ? a.data.photoSha256 : null,
  }
}

/** The rep's visits a day either side of this one, plus any visit (anyone's) that carries the same photo. */
export async function visitHistory(m: EntityManager, tenantId: string, visit: Activity): Promise<Activity[]> {
  const at = (visit.deviceAt ?? visit.receivedAt).getTime()
  return m.createQueryBuilder(Activity, 'a')
    .where(`a.tenant_id = :tenantId AND a.kind = 'visit' AND a.id <> :id`, { tenantId, id: visit.id })
    .andWhere(`((a.member_id = :member AND coalesce(a.device_at, a.received_at) BETWEEN :from AND :to) OR (a.data->>'photoSha256' = :photo))`,
      { member: visit.memberId, from: new Date(at - DAY_MS), to: new Date(at + DAY_MS), photo: String(visit.data.photoSha256 ?? '-') })
    .orderBy('a.device_at', 'ASC').limit(500).getMany()
}
