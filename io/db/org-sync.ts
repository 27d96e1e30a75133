import type { DataSource } from 'typeorm'
import { In, Not } from 'typeorm'
import type { Member as ChannelMember } from '../channels/channel.js'
import { Member } from './entities/member.entity.js'
import { upsertMemberFromChannel } from './org.repo.js'

export type DirectoryUser = { userid: string; name: string; department: number[]; direct_leader?: string[]; is_leader_in_dept?: number[] }
export type Directory = { listDepartments(): Promise<{ id: number }[]>; listDepartmentUsers(id: number): Promise<DirectoryUser[]> }

const toMember = (u: DirectoryUser): ChannelMember => {
  const departments = (u.department ?? []).map(String)
  return { userId: u.userid, name: u.name, departments, directLeaders: u.direct_leader ?? [],
    leaderInDepartments: departments.filter((_, i) => u.is_leader_in_dept?.[i] === 1) }
}

/**
 * Bring the org tree in step with the platform directory: every member with their departments and DIRECT
 * manager; members who left are marked inactive (their history stays). Leaders are written first so that
 * every manager link points at a complete member.
 */
export async function syncDirectory(db: DataSource, tenantId: string, dir: Directory): Promise<{ members: number; deactivated: number }> {
  const users = new Map<string, DirectoryUser>()
  for (const d of await dir.listDepartments()) {
    for (const u of await dir.listDepartmentUsers(d.id)) users.set(u.userid, u)
  }
  const leadersFirst = [...users.values()].sort((a, b) => Number(!!a.direct_leader?.length) - Number(!!b.direct_leader?.length))
  return db.transaction(async (tx) => {
    for (const u of leadersFirst) await upsertMemberFromChannel(tx, tenantId, toMember(u))
    const ids = [...users.keys()]
    await tx.update(Member, { tenantId, platformUserId: In(ids) }, { active: true })
    const gone = await tx.update(Member, { tenantId, active: true, role: Not('admin'), platformUserId: Not(In(ids.length ? ids : [''])) }, { active: false })
    return { members: users.size, deactivated: gone.affected ?? 0 }
  })
}
