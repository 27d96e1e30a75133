import type { EntityManager } from 'typeorm'
import type { Member as ChannelMember } from '../channels/channel.js'
import { Member } from './entities/member.entity.js'

/** Insert-or-update on (tenant, platform user id): two events from a new member at once must not collide. */
async function upsertByPlatformId(m: EntityManager, tenantId: string, platformUserId: string,
  values: Partial<Pick<Member, 'name' | 'role' | 'managerId' | 'departmentIds'>>, update: string[]): Promise<Member> {
  const q = m.createQueryBuilder().insert().into(Member).values({ tenantId, platformUserId, name: platformUserId, ...values })
  await (update.length ? q.orUpdate(update, ['tenant_id', 'platform_user_id']) : q.orIgnore()).execute()
  return m.findOneByOrFail(Member, { tenantId, platformUserId })
}

/**
 * Keep a member in step with the platform's directory: name, departments and the DIRECT manager
 * (WeCom user/get direct_leader[0], PLATFORMS §8.8). A leader not yet known is created as a stub with its
 * own id so the chain holds; its details arrive when it is synced in turn.
 */
export async function upsertMemberFromChannel(m: EntityManager, tenantId: string, u: ChannelMember): Promise<Member> {
  const leaderId = u.directLeaders[0]
  const manager = leaderId && leaderId !== u.userId
    ? await upsertByPlatformId(m, tenantId, leaderId, { role: 'manager' }, []) : null
  return upsertByPlatformId(m, tenantId, u.userId, {
    name: u.name, role: u.leaderInDepartments.length ? 'manager' : 'rep', managerId: manager?.id ?? null, departmentIds: u.departments,
  }, ['name', 'manager_id', 'department_ids', 'updated_at'])
}
