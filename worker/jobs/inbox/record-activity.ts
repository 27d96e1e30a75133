import type { EntityManager } from 'typeorm'
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js'
import { Activity } from '../../../io/db/entities/activity.entity.js'

type NewActivity = Partial<Omit<Activity, 'id' | 'createdAt' | 'updatedAt'>> &
  Pick<Activity, 'tenantId' | 'kind' | 'occurredAt' | 'receivedAt'> & { clientId: string }

/** Insert an activity once per clientId (`inbox_<id>` here), so a redelivered event records nothing new. */
export async function recordActivityOnce(m: EntityManager, values: NewActivity): Promise<void> {
  await m.createQueryBuilder().insert().into(Activity).values(values as QueryDeepPartialEntity<Activity>).orIgnore().execute()
}
