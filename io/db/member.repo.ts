import type { EntityManager } from 'typeorm'
import { Member } from './entities/member.entity.js'

export async function findMemberById(m: EntityManager, tenantId: string, id: string): Promise<Member | null> {
  return m.findOneBy(Member, { tenantId, id })
}

export async function findMemberByPlatformId(m: EntityManager, tenantId: string, platformUserId: string): Promise<Member | null> {
  return m.findOneBy(Member, { tenantId, platformUserId })
}

/** The org as data for the engine: every member with their direct manager, skills and hire date. */
export async function listMembers(m: EntityManager, tenantId: string): Promise<Member[]> {
  return m.findBy(Member, { tenantId, active: true })
}
