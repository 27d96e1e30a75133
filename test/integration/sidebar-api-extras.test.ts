import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../bot/app.js'
import { sidebarRouters } from '../../bot/routes/sidebar.route.js'
import { createSidebarWorld, type SidebarWorld } from './sidebar-api-fixture.js'

let w: SidebarWorld
beforeAll(async () => {
  w = await createSidebarWorld({ WECOM_TRUSTED_DOMAIN: 'sidebar.example.com' })
})
afterAll(async () => {
  await w.close()
})

const talk = (over: Record<string, unknown> = {}) => ({ clientId: 't-1', customerId: w.customerId, kind: 'competitor_talk',
  deviceAt: '2026-11-24T11:00:00+08:00', text: '西门子报了 go.Top，说能再让 5 个点', competitor: 'siemens', product: 'SOMATOM go.Top', price: 3_800_000, ...over })

describe('competitor talk, pickers, scripts and JS-SDK signatures', () => {
  it('stores competitor talk once per clientId, tagged with competitor, product and price', async () => {
    const rep = await w.login(w.m.rep.id)
    const competitors = (await rep.get('/api/competitors').expect(200)).body.items
    expect(competitors).toContainEqual(expect.objectContaining({ id: 'siemens', name: '西门子医疗', products: expect.arrayContaining(['SOMATOM go.Top']) }))
    const first = await rep.post('/api/activities').send(talk()).expect(201)
    expect((await rep.post('/api/activities').send(talk()).expect(200)).body.id).toBe(first.body.id)
    const rows = await w.t.db.query(`SELECT summary, data, device_at FROM activity WHERE kind = 'competitor_talk'`)
    expect(rows).toHaveLength(1)
    expect(rows[0].data).toMatchObject({ competitor: 'siemens', product: 'SOMATOM go.Top', price: 3_800_000 })
    expect(rows[0].summary).toContain('西门子医疗')
    const card = (await rep.get(`/api/customers/${w.customerId}/card`).expect(200)).body
    expect(card.records[0]).toMatchObject({ kind: 'competitor_talk', by: '李娜' })
    expect((await rep.post('/api/activities').send(talk({ clientId: 't-2', competitor: 'nobody' })).expect(400)).body.error.code).toBe('BAD_REQUEST')
    const outsider = await w.login(w.m.tenderBusy.id)
    await outsider.post('/api/activities').send(talk({ clientId: 't-3' })).expect(403)
  })

  it('finds competitor talk by product or text for the rep and the managers above, and for nobody else', async () => {
    const search = async (who: string, q: string) =>
      (await (await w.login(who)).get('/api/competitor-talk').query({ q }).expect(200)).body.items as { product: string }[]
    expect(await search(w.m.rep.id, 'go.Top')).toEqual([expect.objectContaining({ product: 'SOMATOM go.Top', customer: '浙大一院' })])
    expect(await search(w.m.lead.id, '5 个点')).toHaveLength(1)
    expect(await search(w.m.rep.id, '飞利浦')).toEqual([])
    expect(await search(w.m.tenderBusy.id, 'go.Top')).toEqual([])
    expect(await search(w.m.rep.id, '100%')).toEqual([]) // a literal %, not a wildcard
  })

  it('lists the configured keywords', async () => {
    const rep = await w.login(w.m.rep.id)
    const words = (await rep.get('/api/keywords').expect(200)).body.items.map((k: { word: string }) => k.word)
    expect(words).toEqual(expect.arrayContaining(['院长', '设备科', '预算不够']))
  })

  it('serves the reviewed scripts of a node, and sends a proposal to the direct manager for review', async () => {
    const rep = await w.login(w.m.rep.id)
    const scripts = (await rep.get('/api/scripts').query({ node: 'department-visit' }).expect(200)).body.items
    expect(scripts.length).toBeGreaterThan(0)
    expect(scripts.every((x: { node: string }) => x.node === 'department-visit')).toBe(true)
    const proposal = { clientId: 's-1', node: 'department-visit', kind: 'script', title: '预算追问', text: '请问今年设备预算大概在什么范围？' }
    const made = await rep.post('/api/scripts').send(proposal).expect(201)
    expect(made.body.status).toBe('pending_review')
    expect((await rep.post('/api/scripts').send(proposal).expect(200)).body.id).toBe(made.body.id)
    const tasks = await w.t.db.query(`SELECT assignee_id, kind, title FROM task WHERE id = $1`, [made.body.id])
    expect(tasks).toEqual([{ assignee_id: w.m.lead.id, kind: 'review', title: '审核话术：预算追问' }])
  })

  it('signs only pages on the trusted domain, and never hands out a ticket or token', async () => {
    const rep = await w.login(w.m.rep.id)
    const url = 'https://sidebar.example.com/sidebar/?entry=single_chat_tools'
    const corp = (await rep.get('/api/wecom/jssdk-config').query({ url: `${url}#/card` }).expect(200)).body
    expect(Object.keys(corp).sort()).toEqual(['agentId', 'corpId', 'nonceStr', 'signature', 'timestamp'])
    expect(corp).toMatchObject({ corpId: 'wwremindcorp', agentId: '1000002', signature: expect.stringMatching(/^[0-9a-f]{40}$/) })
    const agent = (await rep.get('/api/wecom/agent-config').query({ url }).expect(200)).body
    expect(agent.signature).toMatch(/^[0-9a-f]{40}$/)
    expect(w.fake.calls.map((c) => c.path)).toEqual(expect.arrayContaining(['get_jsapi_ticket', 'ticket/get']))
    const refused = await rep.get('/api/wecom/jssdk-config').query({ url: 'https://evil.example.com/x' }).expect(400)
    expect(refused.body.error.code).toBe('JSAPI_URL_NOT_ALLOWED')
    await request(w.app).get('/api/wecom/jssdk-config').query({ url }).expect(401)
  })
})

describe('the built sidebar, served at /sidebar/', () => {
  it('serves index.html and assets from the build folder, falls back to index.html, and never leaves the folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sidebar-dist-'))
    mkdirSync(join(dir, 'assets'))
    writeFileSync(join(dir, 'index.html'), '<div id="app"></div>')
    writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log(1)')
    writeFileSync(join(tmpdir(), 'sidebar-secret.txt'), 'TOP-SECRET-CONTENT')
    const app = createApp({ log: w.rt.log, probes: {}, routers: sidebarRouters(w.rt, { config: w.config, distDir: dir }) }).callback()
    await request(app).get('/sidebar').expect(302).expect('location', '/sidebar/')
    const index = await request(app).get('/sidebar/').expect(200).expect('content-type', /text\/html/).expect('cache-control', 'no-cache')
    expect(index.text).toContain('<div id="app">')
    const js = await request(app).get('/sidebar/assets/index-abc.js').expect(200).expect('content-type', /javascript/)
    expect(js.headers['cache-control']).toContain('immutable')
    expect((await request(app).get('/sidebar/card/123').expect(200)).text).toContain('<div id="app">')
    await request(app).get('/sidebar/assets/missing.js').expect(404)
    for (const evil of ['/sidebar/%2e%2e/sidebar-secret.txt', '/sidebar/..%2fsidebar-secret.txt', '/sidebar/%2e%2e%5csidebar-secret.txt']) {
      const res = await request(app).get(evil).expect(404)
      expect(res.text).not.toContain('TOP-SECRET-CONTENT')
    }
  })
})
