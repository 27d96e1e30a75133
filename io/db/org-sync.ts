import type { DataSource } from 'typeorm'
import { In, Not } from 'typeorm'
import type { Channel } from '../channels/channel.js'
import { Member } from './entities/member.entity.js'
import { upsertMemberFromChannel } from './org.repo.js'

/** What org sync needs of a channel: the whole directory, each member with their direct manager. */
export type Directory = Pick<Channel, 'listMembers'>

/**
 * Bring the org tree in step with the platform directory (WeCom or DingTalk alike): every member with their
 * departments and DIRECT manager; members who left are marked inactive (their history stays). Leaders are
 * written first so that every manager link points at a complete member.
 */
export async function syncDirectory(db: DataSource, tenantId: string, dir: Directory): Promise<{ members: number; deactivated: number }> {
  const users = new Map((await dir.listMembers()).map((u) => [u.userId, u]))
  const leadersFirst = [...users.values()].sort((a, b) => Number(a.directLeaders.length > 0) - Number(b.directLeaders.length > 0))
  return db.transaction(async (tx) => {
    for (const u of leadersFirst) await upsertMemberFromChannel(tx, tenantId, u)
    const ids = [...users.keys()]
    await tx.update(Member, { tenantId, platformUserId: In(ids) }, { active: true })
    const gone = await tx.update(Member, { tenantId, active: true, role: Not('admin'), platformUserId: Not(In(ids.length ? ids : [''])) }, { active: false })
    return { members: users.size, deactivated: gone.affected ?? 0 }
  })
}
