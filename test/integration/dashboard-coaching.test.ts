import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../bot/app.js'
import { signSession } from '../../bot/middleware/session.js'
import { dashboardRouters } from '../../bot/routes/dashboard-api.route.js'
import { Member } from '../../io/db/entities/member.entity.js'
import { NodeRun } from '../../io/db/entities/node-run.entity.js'
import { Opportunity } from '../../io/db/entities/opportunity.entity.js'
import { createSidebarWorld, type SidebarWorld } from './sidebar-api-fixture.js'

const DAY = 86_400_000
let w: SidebarWorld
let app: ReturnType<ReturnType<typeof createApp>['callback']>
const ids: Record<string, string> = {}
const repRuns: string[] = []

const get = (path: string, memberId: string) => request(app).get(path)
  .set('Cookie', `sp_session=${signSession(w.rt.settings.SESSION_SECRET, { tenantId: w.tenantId, memberId, channel: 'dev' })}`)
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString().slice(0, 10)

beforeAll(async () => {
  w = await createSidebarWorld()
  app = createApp({ log: w.rt.log, probes: {}, routers: dashboardRouters(w.rt, { config: w.config }) }).callback()
  const m = w.t.db.manager
  await m.update(Member, { id: w.m.rep.id }, { hireDate: daysAgo(60) })
  await m.update(Member, { id: w.m.tenderBusy.id }, { hireDate: daysAgo(30) })
  await m.update(Member, { id: w.m.tenderFree.id }, { hireDate: daysAgo(20) })
  const hire = async (key: string, days: number) => {
    ids[key] = (await m.save(m.create(Member, { tenantId: w.tenantId, platformUserId: key, name: key, role: 'rep', managerId: w.m.lead.id, hireDate: daysAgo(days) }))).id
  }
  await hire('n1', 90)
  await hire('n2', 120)
  await hire('n3', 10)
  await hire('veteran', 2000)
  ids.admin = (await m.save(m.create(Member, { tenantId: w.tenantId, platformUserId: 'adm', name: 'adm', role: 'admin', managerId: null }))).id
  ids.rep = w.m.rep.id
  ids.tenderBusy = w.m.tenderBusy.id
  // verdicts per rep at 'visit': o = on time, m = made up, x = overdue, . = open
  const plan: Record<string, string> = { rep: 'oxxx..', n1: 'oomm', n2: 'ox', n3: 'oooo', veteran: 'xxxxx', tenderBusy: 'x' }
  for (const [key, verdicts] of Object.entries(plan)) {
    const opp = await m.save(m.create(Opportunity, { tenantId: w.tenantId, customerId: w.customerId, ownerId: ids[key]!, title: `${key} 商机`,
      processId: 'sidebar', definitionVersion: '1', currentNode: 'visit' }))
    for (const [i, v] of [...verdicts].entries()) {
      const entered = Date.now() - (40 - i) * DAY
      const due = new Date(v === '.' ? Date.now() + DAY : entered + DAY)
      const doneAt = v === 'o' ? new Date(entered + DAY / 2) : v === 'm' ? new Date(entered + 2 * DAY) : null
      const run = await m.save(m.create(NodeRun, { tenantId: w.tenantId, opportunityId: opp.id, node: 'visit', enteredAt: new Date(entered),
        dueAt: due, doneAt, exit: doneAt ? 'advanced' : null }))
      if (key === 'rep') repRuns.push(run.id)
    }
  }
})
afterAll(async () => {
  await w.close()
})

type Pick = { memberId: string; onTimeRate: number; last: { id: string }[] }
const coaching = async (who: string, months = 6) =>
  (await get(`/api/dashboard/coaching?processId=sidebar&node=visit&months=${months}`, who).expect(200)).body as { since: string; reps: Pick[] }

describe('coaching view', () => {
  it('names the three recent hires in the manager’s team with the lowest on-time rate at the node', async () => {
    const body = await coaching(w.m.lead.id)
    expect(body.reps.map((r) => [r.memberId, r.onTimeRate])).toEqual([[ids.rep, 0.25], [ids.n1, 0.5], [ids.n2, 0.5]])
  })

  it('links each to their last five records at the node, newest first', async () => {
    const body = await coaching(w.m.lead.id)
    expect(body.reps[0]!.last.map((r) => r.id)).toEqual(repRuns.slice(-5).reverse())
    expect(body.reps[1]!.last).toHaveLength(4)
  })

  it('counts only hires within the chosen months', async () => {
    const body = await coaching(w.m.lead.id, 3)
    expect(body.reps.map((r) => r.memberId)).toEqual([ids.rep, ids.n1, ids.n3]) // n2 was hired 120 days ago
  })

  it.each([
    ['an admin sees every team', 'admin', ['tenderBusy', 'rep', 'n1']],
    ['a rep sees only themselves', 'rep', ['rep']],
  ])('%s', async (_, who, want) => {
    const body = await coaching(who === 'rep' ? w.m.rep.id : ids.admin!)
    expect(body.reps.map((r) => r.memberId)).toEqual(want.map((k) => ids[k]))
  })

  it('refuses an unknown node and a missing session', async () => {
    await get('/api/dashboard/coaching?processId=sidebar&node=nope', w.m.lead.id).expect(404)
    await request(app).get('/api/dashboard/coaching?node=visit').expect(401)
  })
})
