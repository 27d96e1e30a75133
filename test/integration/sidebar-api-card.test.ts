import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Activity } from '../../io/db/entities/activity.entity.js'
import { Customer } from '../../io/db/entities/customer.entity.js'
import { Deliverable } from '../../io/db/entities/deliverable.entity.js'
import { createSidebarWorld, type SidebarWorld } from './sidebar-api-fixture.js'

let w: SidebarWorld
beforeAll(async () => {
  w = await createSidebarWorld()
})
afterAll(async () => {
  await w.close()
})

describe('customer card and moving an opportunity on', () => {
  let opportunityId = ''

  it('starts an opportunity through the engine, once even when the start is sent twice', async () => {
    const rep = await w.login(w.m.rep.id)
    const first = await rep.post('/api/opportunities').send({ clientId: 'start-1', customerId: w.customerId, title: 'CT 采购' }).expect(201)
    expect(first.body.node).toEqual({ key: 'visit', name: { zh: '首次拜访', en: 'First visit' } })
    const again = await rep.post('/api/opportunities').send({ clientId: 'start-1', customerId: w.customerId, title: 'CT 采购' }).expect(201)
    expect(again.body.id).toBe(first.body.id)
    opportunityId = first.body.id
    const runs = await w.t.db.query(`SELECT node, due_at FROM node_run WHERE opportunity_id = $1`, [opportunityId])
    expect(runs).toEqual([{ node: 'visit', due_at: expect.any(Date) }])
  })

  it('opens one opportunity when a rep taps 开始跟进 several times at once (different submissions)', async () => {
    const m = w.t.db.manager
    const customer = await m.save(m.create(Customer, { tenantId: w.tenantId, name: '市第二医院', ownerId: w.m.rep.id }))
    const rep = await w.login(w.m.rep.id)
    const answers = await Promise.all(['tap-1', 'tap-2', 'tap-3', 'tap-4'].map((clientId) =>
      rep.post('/api/opportunities').send({ clientId, customerId: customer.id }).expect(201)))
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1)
    const opps = await w.t.db.query(`SELECT id FROM opportunity WHERE customer_id = $1`, [customer.id])
    expect(opps).toHaveLength(1)
    expect(await w.t.db.query(`SELECT node FROM node_run WHERE opportunity_id = $1`, [opps[0].id])).toEqual([{ node: 'visit' }])
  })

  it('shows the stage, due time, colour, what is missing and the last three records', async () => {
    const m = w.t.db.manager
    for (const [i, summary] of ['第一次电话', '送资料', '科室拜访', '约了院长'].entries()) {
      await m.save(m.create(Activity, { tenantId: w.tenantId, customerId: w.customerId, opportunityId, memberId: w.m.rep.id, kind: 'note',
        summary, occurredAt: new Date(Date.UTC(2026, 10, 20 + i)), receivedAt: new Date() }))
    }
    const rep = await w.login(w.m.rep.id)
    const card = (await rep.get('/api/customers/by-external/wmHospital01').expect(200)).body
    expect(card.contact).toEqual({ externalUserId: 'wmHospital01', name: '陈主任', corpName: '浙大一院' })
    expect(card.opportunity).toMatchObject({ id: opportunityId, title: 'CT 采购', node: { key: 'visit' }, nextNode: { key: 'quote' },
      status: 'open', colour: 'blue', openTasks: [] })
    expect(new Date(card.opportunity.dueAt).getTime()).toBeGreaterThan(Date.now())
    expect(card.opportunity.missing).toEqual([
      { key: 'sign-photo', name: { zh: '科室门牌照片', en: 'Department sign photo' }, kind: 'photo', have: 0, need: 1 },
      { key: 'summary', name: { zh: '拜访小结', en: 'Visit summary' }, kind: 'voice_summary', have: 0, need: 1 },
    ])
    expect(card.records.map((r: { summary: string }) => r.summary)).toEqual(['约了院长', '科室拜访', '送资料'])
    expect(card.records[0]).toMatchObject({ kind: 'note', by: '李娜', at: '2026-11-23T00:00:00.000Z' })
    const picker = (await rep.get('/api/customers').query({ query: '浙大' }).expect(200)).body.items
    expect(picker[0].nodeName).toEqual({ zh: '首次拜访', en: 'First visit' })
  })

  it('refuses to advance with every missing deliverable named in Chinese and English', async () => {
    const rep = await w.login(w.m.rep.id)
    const res = await rep.post(`/api/opportunities/${opportunityId}/advance`).send({ clientId: 'adv-1', fromNode: 'visit' }).expect(409)
    expect(res.body.error.code).toBe('DELIVERABLES_MISSING')
    expect(res.body.error.message.zh).toMatch(/科室门牌照片.*拜访小结/)
    expect(res.body.error.message.en).toMatch(/Department sign photo.*Visit summary/)
    expect(res.body.error.params.items.map((x: { key: string }) => x.key)).toEqual(['sign-photo', 'summary'])
    expect(res.body.error.params.node).toBe('visit')
    expect(await w.t.db.query(`SELECT current_node FROM opportunity WHERE id = $1`, [opportunityId])).toEqual([{ current_node: 'visit' }])
  })

  it('advances once the deliverables are in, and a replay of the same move does not move it twice', async () => {
    const m = w.t.db.manager
    for (const [key, kind, data] of [['sign-photo', 'photo', {}], ['summary', 'voice_summary', { text: '主任认可' }]] as const) {
      await m.save(m.create(Deliverable, { tenantId: w.tenantId, opportunityId, node: 'visit', kind, data: { key, ...data },
        submittedBy: w.m.rep.id, arrivedAt: new Date() }))
    }
    const outsider = await w.login(w.m.tenderBusy.id)
    await outsider.post(`/api/opportunities/${opportunityId}/advance`).send({ clientId: 'adv-x', fromNode: 'visit' }).expect(403)
    const lead = await w.login(w.m.lead.id)
    const moved = await lead.post(`/api/opportunities/${opportunityId}/advance`).send({ clientId: 'adv-2', fromNode: 'visit' }).expect(200)
    expect(moved.body.node).toEqual({ key: 'quote', name: { zh: '报价', en: 'Quote' } })
    const replay = await lead.post(`/api/opportunities/${opportunityId}/advance`).send({ clientId: 'adv-2', fromNode: 'visit' }).expect(200)
    expect(replay.body.node.key).toBe('quote')
    const runs = await w.t.db.query(`SELECT node FROM node_run WHERE opportunity_id = $1 ORDER BY entered_at`, [opportunityId])
    expect(runs.map((r: { node: string }) => r.node)).toEqual(['visit', 'quote'])
  })

  it('answers a malformed request with 400 and the field at fault', async () => {
    const rep = await w.login(w.m.rep.id)
    const res = await rep.post('/api/opportunities').send({ customerId: w.customerId }).expect(400)
    expect(res.body.error.message.en).toContain('clientId')
    const form = await rep.post('/api/opportunities').type('text/plain').send(JSON.stringify({ clientId: 'c-9', customerId: w.customerId })).expect(400)
    expect(form.body.error.message.en).toContain('application/json')
  })
})
