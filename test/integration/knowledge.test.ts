import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../bot/app.js'
import { signSession } from '../../bot/middleware/session.js'
import { dashboardRouters } from '../../bot/routes/dashboard-api.route.js'
import { lastQuarters, quarterStart } from '../../core/dashboard/asset-rate.js'
import { Member } from '../../io/db/entities/member.entity.js'
import { createSidebarWorld, type SidebarWorld } from './sidebar-api-fixture.js'

let w: SidebarWorld
let app: ReturnType<ReturnType<typeof createApp>['callback']>
let admin: Member
let outsider: Member
const as = (memberId: string) => `sp_session=${signSession(w.rt.settings.SESSION_SECRET, { tenantId: w.tenantId, memberId, channel: 'dev' })}`
const post = (path: string, memberId: string, body: object) => request(app).post(path).set('Cookie', as(memberId)).send(body)
const get = (path: string, memberId: string) => request(app).get(path).set('Cookie', as(memberId))
const write = async (memberId: string, title: string) =>
  (await post('/api/knowledge', memberId, { kind: 'script', title, body: '先问预算是否已下达，再约设备科。', department: 'lab' }).expect(201)).body

beforeAll(async () => {
  w = await createSidebarWorld()
  app = createApp({ log: w.rt.log, probes: {}, routers: dashboardRouters(w.rt, { config: w.config }) }).callback()
  const m = w.t.db.manager
  admin = await m.save(m.create(Member, { tenantId: w.tenantId, platformUserId: 'adm', name: '管理员', role: 'admin', managerId: null }))
  outsider = await m.save(m.create(Member, { tenantId: w.tenantId, platformUserId: 'mgr2', name: '别组主管', role: 'manager', managerId: null }))
})
afterAll(async () => {
  await w.close()
})

describe('knowledge review workflow', () => {
  it('moves a rep\'s draft to reviewed and reusable by their manager, recording reviewer, approver and audit entries', async () => {
    const item = await write(w.m.rep.id, '预算未下达时的问法')
    expect(item).toMatchObject({ status: 'draft', authorId: w.m.rep.id, teamId: w.m.lead.id, reviewerId: null })
    const reviewed = (await post(`/api/knowledge/${item.id}/review`, w.m.lead.id, { to: 'reviewed' }).expect(200)).body
    expect(reviewed).toMatchObject({ status: 'reviewed', reviewerId: w.m.lead.id })
    expect(reviewed.reviewedAt).toEqual(expect.any(String))
    const approved = (await post(`/api/knowledge/${item.id}/review`, w.m.director.id, { to: 'reusable' }).expect(200)).body
    expect(approved).toMatchObject({ status: 'reusable', reviewerId: w.m.lead.id, approverId: w.m.director.id })
    const audit = await w.t.db.query(`SELECT actor, action, data FROM audit_log WHERE entity_id = $1 ORDER BY seq`, [item.id])
    expect(audit).toEqual([
      { actor: w.m.rep.id, action: 'created', data: { kind: 'script', title: '预算未下达时的问法' } },
      { actor: w.m.lead.id, action: 'reviewed', data: { from: 'draft', to: 'reviewed' } },
      { actor: w.m.director.id, action: 'approved', data: { from: 'reviewed', to: 'reusable' } },
    ])
  })

  it('refuses the author reviewing their own item with KNOWLEDGE_SELF_REVIEW, and leaves it a draft', async () => {
    const item = await write(w.m.lead.id, '招标前与设备科沟通')
    const res = await post(`/api/knowledge/${item.id}/review`, w.m.lead.id, { to: 'reviewed' }).expect(403)
    expect(res.body.error).toMatchObject({ code: 'KNOWLEDGE_SELF_REVIEW', message: { zh: '不能审核自己提交的知识条目' } })
    expect((await post(`/api/knowledge/${item.id}/review`, w.m.director.id, { to: 'reviewed' }).expect(200)).body.reviewerId).toBe(w.m.director.id)
  })

  it('refuses reps, managers of another team, skipped and repeated steps', async () => {
    const item = await write(w.m.rep.id, '竞品降价时的价值陈述')
    expect((await post(`/api/knowledge/${item.id}/review`, w.m.tenderBusy.id, { to: 'reviewed' }).expect(403)).body.error.code).toBe('FORBIDDEN')
    expect((await post(`/api/knowledge/${item.id}/review`, outsider.id, { to: 'reviewed' }).expect(403)).body.error.code).toBe('FORBIDDEN')
    const skip = await post(`/api/knowledge/${item.id}/review`, w.m.lead.id, { to: 'reusable' }).expect(409)
    expect(skip.body.error).toMatchObject({ code: 'KNOWLEDGE_TRANSITION_NOT_ALLOWED', message: { en: 'The knowledge item is draft and cannot become reusable' } })
    await post(`/api/knowledge/${item.id}/review`, admin.id, { to: 'reviewed' }).expect(200)
    expect((await post(`/api/knowledge/${item.id}/review`, admin.id, { to: 'reviewed' }).expect(409)).body.error.code).toBe('KNOWLEDGE_TRANSITION_NOT_ALLOWED')
    await post('/api/knowledge/not-a-uuid/review', admin.id, { to: 'reviewed' }).expect(404)
    expect((await post('/api/knowledge', w.m.rep.id, { kind: 'poem', title: 'x', body: 'y' }).expect(400)).body.error.code).toBe('BAD_REQUEST')
  })

  it('lists a rep\'s own items and everyone\'s reusable ones; another rep sees only the reusable', async () => {
    const mine = (await get('/api/knowledge', w.m.rep.id).expect(200)).body.items.map((i: { title: string }) => i.title).sort()
    expect(mine).toEqual(['竞品降价时的价值陈述', '预算未下达时的问法'])
    const other = (await get('/api/knowledge', w.m.tenderBusy.id).expect(200)).body.items.map((i: { title: string }) => i.title)
    expect(other).toEqual(['预算未下达时的问法'])
    const lead = (await get('/api/knowledge?status=draft', w.m.lead.id).expect(200)).body.items
    expect(lead).toEqual([])
    const reviewable = (await get('/api/knowledge?status=reviewed', w.m.director.id).expect(200)).body.items
    expect(reviewable.map((i: { title: string; canReview: boolean }) => [i.title, i.canReview]).sort()).toEqual([['招标前与设备科沟通', true], ['竞品降价时的价值陈述', true]])
  })
})

describe('process-asset accumulation rate', () => {
  it('divides the team\'s approved items by its opportunities per quarter, with the trend, for the teams the caller may see', async () => {
    const m = w.t.db.manager
    const [prev, cur] = lastQuarters(new Date(), 2) as [string, string]
    const inPrev = new Date(`${quarterStart(prev)}T12:00:00+08:00`)
    const opp = (at: Date | null) => m.query(`INSERT INTO opportunity (tenant_id, customer_id, owner_id, title, process_id, definition_version, current_node, created_at)
      VALUES ($1, $2, $3, '商机', 'sidebar', '1', 'visit', coalesce($4, now()))`, [w.tenantId, w.customerId, w.m.rep.id, at])
    for (let i = 0; i < 4; i++) await opp(null)
    for (let i = 0; i < 2; i++) await opp(inPrev)
    await m.query(`INSERT INTO knowledge_item (tenant_id, kind, title, body, status, author_id, team_id, approved_at)
      VALUES ($1, 'sop', '装机回访 SOP', '……', 'reusable', $2, $3, $4)`, [w.tenantId, w.m.rep.id, w.m.lead.id, inPrev])
    const lead = (await get('/api/dashboard/asset-rate?quarters=2', w.m.lead.id).expect(200)).body
    expect(lead.quarters).toEqual([prev, cur])
    expect(lead.teams).toEqual([{ teamId: w.m.lead.id, name: '王建国', trend: { delta: -0.25, direction: 'down' }, quarters: [
      { quarter: prev, insight: 0, script: 0, sop: 1, approved: 1, opportunities: 2, rate: 0.5 },
      { quarter: cur, insight: 0, script: 1, sop: 0, approved: 1, opportunities: 4, rate: 0.25 }] }])
    const director = (await get('/api/dashboard/asset-rate?quarters=2', w.m.director.id).expect(200)).body
    expect(director.teams.map((t: { name: string }) => t.name).sort()).toEqual(['王建国', '赵总'])
    expect((await get('/api/dashboard/asset-rate', w.m.rep.id).expect(200)).body.teams).toEqual([])
    expect((await get('/api/dashboard/asset-rate', outsider.id).expect(200)).body.teams).toEqual([])
    expect((await get('/api/dashboard/asset-rate', admin.id).expect(200)).body.teams).toHaveLength(2)
  })
})
