/** A person in the tenant's org chart, as the edge loads it. `managerId` is the direct manager. */
export type Member = {
  id: string
  name: string
  managerId?: string | null
  skills: string[]
  hireDate?: Date
  role?: string
  openTaskCount: number
}

export type Org = { members: readonly Member[] }

export const findMember = (org: Org, id: string | null | undefined): Member | undefined =>
  id == null ? undefined : org.members.find((m) => m.id === id)

/** The member's direct manager from the org data (never "someone with the manager role"). */
export const directManagerOf = (org: Org, memberId: string): Member | undefined =>
  findMember(org, findMember(org, memberId)?.managerId)

/** Least-loaded member with the skill; ties go to the smallest id so the choice is repeatable. */
export function leastLoadedWithSkill(org: Org, skill: string, extraLoad: ReadonlyMap<string, number> = new Map()): Member | undefined {
  const load = (m: Member): number => m.openTaskCount + (extraLoad.get(m.id) ?? 0)
  return org.members
    .filter((m) => m.skills.includes(skill))
    .sort((a, b) => load(a) - load(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0]
}
