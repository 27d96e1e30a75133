import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../bot/app.js'
import { devLoginAllowed, sidebarRouters } from '../../bot/routes/sidebar.route.js'
import { signSession } from '../../bot/middleware/session.js'
import { createSidebarWorld, type SidebarWorld } from './sidebar-api-fixture.js'

let w: SidebarWorld
beforeAll(async () => {
  w = await createSidebarWorld()
})
afterAll(async () => {
  await w.close()
})

const cookieOf = (res: request.Response, name: string): string | undefined =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${name}=`))?.split(';')[0]

describe('sessions', () => {
  it('refuses every /api call without a valid session cookie', async () => {
    const none = await request(w.app).get('/api/me').expect(401)
    expect(none.body.error.code).toBe('UNAUTHENTICATED')
    expect(none.body.error.message.zh).toBe('请先登录')
    const forged = signSession('another-secret-another-secret-1234', { tenantId: w.tenantId, memberId: w.m.director.id, channel: 'dev' })
    await request(w.app).get('/api/me').set('Cookie', `sp_session=${forged}`).expect(401)
    await request(w.app).get(`/api/customers/${w.customerId}/card`).expect(401)
  })

  it('refuses a cookie whose member was swapped, or that has expired', async () => {
    const secret = w.rt.settings.SESSION_SECRET
    const [, sig] = signSession(secret, { tenantId: w.tenantId, memberId: w.m.rep.id, channel: 'dev' }).split('.')
    const swapped = Buffer.from(JSON.stringify({ tenantId: w.tenantId, memberId: w.m.director.id, channel: 'dev', exp: Date.now() + 60_000 }))
      .toString('base64url')
    await request(w.app).get('/api/me').set('Cookie', `sp_session=${swapped}.${sig}`).expect(401)
    const expired = signSession(secret, { tenantId: w.tenantId, memberId: w.m.rep.id, channel: 'dev' }, Date.now() - 13 * 3_600_000)
    await request(w.app).get('/api/me').set('Cookie', `sp_session=${expired}`).expect(401)
    const fresh = signSession(secret, { tenantId: w.tenantId, memberId: w.m.rep.id, channel: 'dev' })
    await request(w.app).get('/api/me').set('Cookie', `sp_session=${fresh}`).expect(200)
  })

  it('signs a member in through dev login and says who they are', async () => {
    const agent = await w.login(w.m.rep.id)
    const me = await agent.get('/api/me').expect(200)
    expect(me.body).toEqual({ member: { id: w.m.rep.id, name: '李娜' }, tenant: { id: w.tenantId, name: expect.any(String) }, channel: 'dev' })
  })

  it('offers dev login only outside production unless DEV_LOGIN=true', async () => {
    const prod = createApp({ log: w.rt.log, probes: {}, routers: sidebarRouters(w.rt, { config: w.config, devLogin: false }) }).callback()
    await request(prod).post('/auth/dev-login').send({ memberId: w.m.rep.id }).expect(404)
    await request(prod).get('/api/dev/members').expect(404)
    expect([devLoginAllowed('production', {}), devLoginAllowed('production', { DEV_LOGIN: 'true' }), devLoginAllowed('development', {})])
      .toEqual([false, true, true])
  })

  it('signs a member in through WeCom OAuth (snsapi_base) and returns to the page', async () => {
    const start = await request(w.app).get('/auth/wecom/start').query({ returnTo: '/sidebar/#/card' }).expect(302)
    const to = new URL(start.headers.location as string)
    expect(to.origin + to.pathname).toBe('https://open.weixin.qq.com/connect/oauth2/authorize')
    expect(to.hash).toBe('#wechat_redirect')
    expect(Object.fromEntries(to.searchParams)).toMatchObject({ appid: 'wwremindcorp', scope: 'snsapi_base', response_type: 'code', agentid: '1000002' })
    const state = to.searchParams.get('state') ?? ''
    expect(state).toMatch(/^[A-Za-z0-9]{1,128}$/)
    const pending = cookieOf(start, 'sp_oauth')!
    const back = await request(w.app).get('/auth/wecom/callback').query({ code: 'code-lead1', state }).set('Cookie', pending).expect(302)
    expect(back.headers.location).toBe('/sidebar/#/card')
    const session = cookieOf(back, 'sp_session')!
    expect(([] as string[]).concat(back.headers['set-cookie'] ?? []).find((c) => c.startsWith('sp_session='))).toMatch(/httponly/i)
    const me = await request(w.app).get('/api/me').set('Cookie', session).expect(200)
    expect(me.body.member).toEqual({ id: w.m.lead.id, name: '王建国' })
    expect(me.body.channel).toBe('wecom')
  })

  it('refuses a bad OAuth code, a state that does not match, and never redirects off the site', async () => {
    const start = await request(w.app).get('/auth/wecom/start').query({ returnTo: '//evil.example/x' }).expect(302)
    const state = new URL(start.headers.location as string).searchParams.get('state') ?? ''
    const pending = cookieOf(start, 'sp_oauth')!
    await request(w.app).get('/auth/wecom/callback').query({ code: 'code-lead1', state: 'other' }).set('Cookie', pending).expect(401)
    await request(w.app).get('/auth/wecom/callback').query({ code: 'stolen', state }).set('Cookie', pending).expect(401)
    await request(w.app).get('/auth/wecom/callback').query({ code: 'code-lead1', state }).expect(401)
    const ok = await request(w.app).get('/auth/wecom/callback').query({ code: 'code-rep1', state }).set('Cookie', pending).expect(302)
    expect(ok.headers.location).toBe('/sidebar/')
  })
})

describe('authorisation on the server', () => {
  it.each([
    ['the owner', 'rep', 200],
    ['the owner’s direct manager', 'lead', 200],
    ['the manager’s manager', 'director', 200],
    ['a colleague outside the chain', 'tenderBusy', 403],
  ] as const)('lets %s read the card: %s → %i', async (_, who, status) => {
    const agent = await w.login(w.m[who].id)
    const res = await agent.get(`/api/customers/${w.customerId}/card`).expect(status)
    if (status === 403) expect(res.body.error.code).toBe('FORBIDDEN')
    else expect(res.body.customer).toEqual({ id: w.customerId, name: '浙大一院' })
  })

  it('lets a follower of the external contact read the card, and nobody else', async () => {
    const follower = await w.login(w.m.tenderFree.id)
    const card = await follower.get('/api/customers/by-external/wmFollowed').expect(200)
    expect(card.body.customer.name).toBe('邵逸夫医院')
    expect(card.body.contact).toMatchObject({ externalUserId: 'wmFollowed', name: '周科长' })
    await follower.get('/api/customers/by-external/wmHospital01').expect(403)
    const rep = await w.login(w.m.rep.id)
    await rep.get('/api/customers/by-external/wmFollowed').expect(403)
    await rep.get('/api/customers/by-external/nobody').expect(404)
  })

  it('lists in the picker only the customers the member may see', async () => {
    const rep = await w.login(w.m.rep.id)
    expect((await rep.get('/api/customers').query({ query: '院' }).expect(200)).body.items.map((c: { name: string }) => c.name))
      .toEqual(['浙大一院'])
    const lead = await w.login(w.m.lead.id)
    expect((await lead.get('/api/customers').query({ query: '浙大' }).expect(200)).body.items)
      .toEqual([{ id: w.customerId, name: '浙大一院', externalUserId: 'wmHospital01', nodeName: null }])
    const follower = await w.login(w.m.tenderFree.id)
    expect((await follower.get('/api/customers').query({ query: '' }).expect(200)).body.items.map((c: { name: string }) => c.name))
      .toEqual(['邵逸夫医院'])
  })

  it('refuses to start an opportunity for a customer the member may not see', async () => {
    const outsider = await w.login(w.m.tenderBusy.id)
    const res = await outsider.post('/api/opportunities').send({ clientId: 'c-1', customerId: w.customerId }).expect(403)
    expect(res.body.error.code).toBe('FORBIDDEN')
    expect(await w.t.db.query(`SELECT id FROM opportunity`)).toEqual([])
  })
})
