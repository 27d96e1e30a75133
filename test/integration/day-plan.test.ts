import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatBeijing } from '../../core/timing/beijing-time.js'
import { startWorker, type RunningWorker } from '../../worker/run.js'
import { expectEventually } from '../setup/expect-eventually.js'
import { createSidebarWorld, type SidebarWorld } from './sidebar-api-fixture.js'

let w: SidebarWorld
let worker: RunningWorker
const today = formatBeijing(new Date()).slice(0, 10)

beforeAll(async () => {
  w = await createSidebarWorld()
  const m = w.t.db.manager
  const [a] = await m.query(`INSERT INTO customer (tenant_id, name, owner_id, lat, lng) VALUES ($1, '浙大二院', $2, 30.2568, 120.1806) RETURNING id`, [w.tenantId, w.m.rep.id])
  const [b] = await m.query(`INSERT INTO customer (tenant_id, name, owner_id, lat, lng) VALUES ($1, '杭州学军中学', $2, 30.28, 120.142) RETURNING id`, [w.tenantId, w.m.rep.id])
  await m.query(`INSERT INTO activity (tenant_id, customer_id, member_id, kind, occurred_at, received_at)
    VALUES ($1, $2, $3, 'visit_plan', $4, now())`, [w.tenantId, a.id, w.m.rep.id, new Date(`${today}T10:00:00+08:00`)])
  await m.query(`INSERT INTO task (tenant_id, assignee_id, title, data, due_at, idempotency_key)
    VALUES ($1, $2, '跟进拜访', $3, $4, 'followup-1')`, [w.tenantId, w.m.rep.id, JSON.stringify({ customerId: b.id }), new Date(`${today}T15:00:00+08:00`)])
  worker = await startWorker(w.rt, { config: w.config, digest: false })
})
afterAll(async () => {
  await worker.close()
  await w.close()
})

describe('the daily route plan', () => {
  it('sends each rep one morning message with the day’s visits in order and navigation links per leg', async () => {
    for (let i = 0; i < 2; i++) await w.rt.queues.add('day-plan', { date: today }, { jobId: `day-plan-test-${i}` })
    await expectEventually(() => expect(w.fake.sent.filter((s) => s.touser.includes('rep1'))).toHaveLength(1), 20_000)
    const text = JSON.stringify(w.fake.sent.find((s) => s.touser.includes('rep1'))!.body)
    expect(text).toContain(`今日路线 ${today} · 2 个拜访`)
    expect(text).toMatch(/浙大二院[\s\S]*uri\.amap\.com/)
    expect(text).toContain('杭州学军中学')
    expect(w.fake.sent.filter((s) => s.touser.includes('lead1'))).toEqual([]) // nothing planned, nothing sent
  })

  it('shows the same plan in the sidebar, only to the rep it belongs to', async () => {
    const rep = await w.login(w.m.rep.id)
    const body = (await rep.get('/api/day-plan').query({ date: today }).expect(200)).body
    expect(body.stops.map((s: { name: string }) => s.name).sort()).toEqual(['杭州学军中学', '浙大二院'])
    expect(body.plan.legs.filter((l: { toId: string | null }) => l.toId)).toHaveLength(2)
    expect(body.plan.legs[0].links.amap).toMatch(/^https:\/\/uri\.amap\.com\/navigation/)
    const lead = await w.login(w.m.lead.id)
    expect((await lead.get('/api/day-plan').query({ date: today }).expect(200)).body).toEqual({ stops: [], plan: null })
    await rep.get('/api/day-plan').query({ date: 'tomorrow' }).expect(400)
  })
})
