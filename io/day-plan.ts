import type { EntityManager } from 'typeorm'
import { planDay, type DayPlan, type DayStop } from '../core/routes/day-plan.js'
import type { Result } from '../core/result.js'
import type { Rejection } from '../core/errors.js'
import { Tenant } from './db/entities/tenant.entity.js'

export type DayPlanStop = DayStop & { name: string }
export type MemberDayPlan = { stops: DayPlanStop[]; plan: Result<DayPlan, Rejection> | null }

/**
 * A rep's day: the visits planned for it (activity `visit_plan`) and the follow-up visits falling due (tasks
 * made from a visit's next follow-up time), at their customers' coordinates, routed from the tenant's office
 * (tenant.settings.office {lat, lng, name}) or, without one, from the first stop.
 */
export async function memberDayPlan(m: EntityManager, tenantId: string, memberId: string, dayStart: Date, departAt = '08:30'): Promise<MemberDayPlan> {
  const dayEnd = new Date(dayStart.getTime() + 86_400_000)
  const rows: { id: string; name: string; lat: number; lng: number }[] = await m.query(
    `SELECT DISTINCT ON (c.id) c.id, c.name, c.lat, c.lng FROM customer c WHERE c.tenant_id = $1 AND c.lat IS NOT NULL AND c.lng IS NOT NULL AND c.id IN (
       SELECT a.customer_id FROM activity a WHERE a.tenant_id = $1 AND a.member_id = $2 AND a.kind = 'visit_plan'
         AND a.occurred_at >= $3 AND a.occurred_at < $4
       UNION SELECT (t.data->>'customerId')::uuid FROM task t WHERE t.tenant_id = $1 AND t.assignee_id = $2 AND t.done_at IS NULL
         AND t.data ? 'customerId' AND t.due_at < $4)`, [tenantId, memberId, dayStart, dayEnd])
  const stops: DayPlanStop[] = rows.map((r) => ({ id: r.id, name: r.name, lat: r.lat, lng: r.lng, serviceMin: 45 }))
  if (stops.length === 0) return { stops, plan: null }
  const tenant = await m.findOneBy(Tenant, { id: tenantId })
  const office = tenant?.settings.office as { lat?: number; lng?: number; name?: string } | undefined
  const start = office?.lat !== undefined && office.lng !== undefined
    ? { lat: office.lat, lng: office.lng, name: office.name ?? '公司' } : { lat: stops[0]!.lat, lng: stops[0]!.lng, name: stops[0]!.name }
  return { stops, plan: planDay({ stops, start, departAt, coordSystem: 'wgs84' }) }
}
