import type { Member } from '../channel.js'
import type { DingtalkApi } from './api.js'

// The org directory (通讯录) for org sync: departments from topapi/v2/department/listsub (children only, so the
// tree is walked from the root, dept 1), each department's member ids from topapi/user/listid, and each member
// from topapi/v2/user/get, the call that carries the 直属主管 `manager_userid` (PLATFORMS §6.5, §8.8).

export type DingtalkUser = {
  userid: string; name: string; dept_id_list?: number[]; manager_userid?: string
  leader_in_dept?: { dept_id: number; leader: boolean }[]; title?: string; active?: boolean
}
export type DingtalkDepartment = { dept_id: number; name: string; parent_id?: number }

const ROOT_DEPT = 1
const USER_READS_AT_ONCE = 4

export function memberOf(u: DingtalkUser): Member {
  const departments = (u.dept_id_list ?? []).map(String)
  return {
    userId: u.userid, name: u.name, departments, ...(departments[0] ? { mainDepartment: departments[0] } : {}),
    directLeaders: u.manager_userid ? [u.manager_userid] : [],
    leaderInDepartments: (u.leader_in_dept ?? []).filter((l) => l.leader).map((l) => String(l.dept_id)),
  }
}

export function createDingtalkDirectory(api: DingtalkApi) {
  const getUser = async (userId: string): Promise<DingtalkUser> =>
    (await api.oapiPost('topapi/v2/user/get', { userid: userId, language: 'zh_CN' })).result as DingtalkUser
  const listDepartments = async (parentId = ROOT_DEPT): Promise<DingtalkDepartment[]> =>
    (await api.oapiPost('topapi/v2/department/listsub', { dept_id: parentId })).result as DingtalkDepartment[]
  const listUserIds = async (deptId: number): Promise<string[]> =>
    ((await api.oapiPost('topapi/user/listid', { dept_id: deptId })).result as { userid_list?: string[] }).userid_list ?? []

  /** Every department id under the root, the root included (breadth first). */
  async function allDepartmentIds(): Promise<number[]> {
    const ids = [ROOT_DEPT]
    for (let i = 0; i < ids.length; i++) {
      for (const d of await listDepartments(ids[i])) if (!ids.includes(d.dept_id)) ids.push(d.dept_id)
    }
    return ids
  }

  async function listMembers(): Promise<Member[]> {
    const userIds = new Set<string>()
    for (const dept of await allDepartmentIds()) for (const id of await listUserIds(dept)) userIds.add(id)
    // A few reads at a time, not one by one: a 1,000-person org is ~1,000 calls, and DingTalk allows ~20 a second per app.
    const ids = [...userIds]
    const members: Member[] = new Array<Member>(ids.length)
    let next = 0
    const lane = async (): Promise<void> => {
      for (let i = next++; i < ids.length; i = next++) members[i] = memberOf(await getUser(ids[i]!))
    }
    await Promise.all(Array.from({ length: Math.min(USER_READS_AT_ONCE, ids.length) }, lane))
    return members
  }

  return { getUser, listDepartments, listMembers }
}
