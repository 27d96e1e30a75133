import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js'
import type { EntityManager } from 'typeorm'
import type { Summary } from '../../core/opportunity/reminder-content.js'
import { Activity } from './entities/activity.entity.js'

/** The most recent communication summaries of an opportunity, newest first (reminders quote three). */
export async function recentSummaries(m: EntityManager, tenantId: string, opportunityId: string, limit = 3): Promise<Summary[]> {
  const rows = await m.createQueryBuilder(Activity, 'a').select(['a.occurredAt', 'a.summary'])
    .where(`a.tenant_id = :tenantId AND a.opportunity_id = :opportunityId AND a.summary <> ''`, { tenantId, opportunityId })
    .orderBy('a.occurred_at', 'DESC').limit(limit).getMany()
  return rows.map((r) => ({ at: r.occurredAt, summary: r.summary }))
}

export type NewActivity = Pick<Activity, 'tenantId' | 'kind' | 'summary' | 'occurredAt'> &
  Partial<Pick<Activity, 'opportunityId' | 'customerId' | 'memberId' | 'data' | 'deviceAt' | 'clientId'>>

export async function insertActivity(m: EntityManager, a: NewActivity, receivedAt: Date): Promise<Activity> {
  return m.save(m.create(Activity, { data: {}, ...a, receivedAt }))
}

/** Visits planned for a member in [from, to): activities of kind `visit_plan` (the day's itinerary). */
export async function plannedVisits(m: EntityManager, tenantId: string, memberId: string, from: Date, to: Date): Promise<Activity[]> {
  return m.createQueryBuilder(Activity, 'a')
    .where(`a.tenant_id = :tenantId AND a.member_id = :memberId AND a.kind = 'visit_plan' AND a.occurred_at >= :from AND a.occurred_at < :to`,
      { tenantId, memberId, from, to }).orderBy('a.occurred_at', 'ASC').getMany()
}

type NewActivityOnce = Partial<Omit<Activity, 'id' | 'createdAt' | 'updatedAt'>> &
  Pick<Activity, 'tenantId' | 'kind' | 'occurredAt' | 'receivedAt'> & { clientId: string }

/** Insert an activity once per clientId (e.g. `inbox_<id>`), so a redelivered event records nothing new. */
export async function recordActivityOnce(m: EntityManager, values: NewActivityOnce): Promise<void> {
  await m.createQueryBuilder().insert().into(Activity).values(values as QueryDeepPartialEntity<Activity>).orIgnore().execute()
}
