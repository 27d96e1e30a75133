import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../bot/app.js'
import { botRouters } from '../../bot/server.js'
import { jsapiSignature } from '../../io/channels/crypto.js'
import { buildSignedPush, robotHeaders, robotTextPayload } from '../../io/channels/dingtalk/callback-builder.js'
import { dingtalkKeyring } from '../../io/channels/dingtalk/codec.js'
import { Customer } from '../../io/db/entities/customer.entity.js'
import { findTenantBySlug } from '../../io/db/tenant.repo.js'
import { openOpportunity } from '../../io/handle-event.js'
import type { Runtime } from '../../io/runtime.js'
import { startWorker, type RunningWorker } from '../../worker/run.js'
import { startFakeDingtalk, type FakeDingtalk } from '../fakes/dingtalk-server.js'
import { expectEventually } from '../setup/expect-eventually.js'
import { testRuntime } from '../setup/runtime.js'
import { createTestDb, type TestDb } from '../setup/test-db.js'
import { quickConfig } from './fixtures/sales-world.js'

// Domain parity on DingTalk: the same text commands and approval trail as WeCom, and the sidebar's sign-in as
// a DingTalk H5 micro-app (auth code → session), each against the fake DingTalk server over HTTP.

const DING = { DINGTALK_APP_KEY: 'dingparityapp', DINGTALK_APP_SECRET: 'ding-parity-secret', DINGTALK_TOKEN: 'dtoken',
  DINGTALK_AES_KEY: '4g5j64qlyl3zvetqxz5jiocdr586fn2zvjpa8zls3ij', DINGTALK_AGENT_ID: '2000007', PUBLIC_URL: 'https://crm.example.cn' }
const WECOM = { WECOM_ENABLED: 'true', WECOM_CORP_ID: 'wwparitycorp', WECOM_AGENT_ID: '1000002', WECOM_SECRET: 'app-secret',
  WECOM_TOKEN: 'QDG6eK', WECOM_AES_KEY: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' }
const ring = (() => {
  const r = dingtalkKeyring({ token: DING.DINGTALK_TOKEN, encodingAesKey: DING.DINGTALK_AES_KEY, receiveId: DING.DINGTALK_APP_KEY })
  if (!r.ok) throw new Error('test key')
  return r.value
})()
const config = quickConfig()
let t: TestDb
let rt: Runtime
let ding: FakeDingtalk
let worker: RunningWorker
let app: ReturnType<ReturnType<typeof createApp>['callback']>
let tenantId: string
let opportunityId: string

const robotSays = (text: string, msgId: string, staffId = 'lina') => request(app).post('/dingtalk/callback')
  .set(robotHeaders(DING.DINGTALK_APP_SECRET, Date.now())).type('application/json')
  .send(JSON.stringify(robotTextPayload({ msgId, staffId, text, corpId: 'dingcorp', robotCode: DING.DINGTALK_APP_KEY, createAt: Date.now() })))
const push = (event: Record<string, unknown>) => {
  const p = buildSignedPush(ring, JSON.stringify(event), Date.now())
  return request(app).post('/dingtalk/callback').query(p.query).type('application/json').send(p.body)
}
const login = (body: Record<string, unknown>) => request(app).post('/auth/dingtalk/login').type('application/json').send(JSON.stringify(body))

beforeAll(async () => {
  ding = await startFakeDingtalk({ appKey: DING.DINGTALK_APP_KEY, appSecret: DING.DINGTALK_APP_SECRET, agentId: DING.DINGTALK_AGENT_ID,
    departments: [{ dept_id: 2, name: '华东销售部', parent_id: 1 }],
    users: [
      { userid: 'zhaomgr', name: '赵经理', dept_id_list: [2], leader_in_dept: [{ dept_id: 2, leader: true }] },
      { userid: 'lina', name: '李娜', dept_id_list: [2], manager_userid: 'zhaomgr' },
      { userid: 'chenli', name: '陈丽', dept_id_list: [2], manager_userid: 'zhaomgr' },
    ] })
  t = await createTestDb()
  rt = testRuntime(t, { ...DING, DINGTALK_API_BASE: ding.url, ...WECOM })
  app = createApp({ log: rt.log, probes: {}, routers: await botRouters(rt) }).callback()
  tenantId = (await findTenantBySlug(t.db.manager, 'dingtalk'))!.id
  worker = await startWorker(rt, { config, digest: false })
  await rt.queues.add('org-sync', { tenantId }, { jobId: 'org-sync-parity' })
  const owner = await expectEventually(async () => {
    const [m] = await t.db.query(`SELECT id FROM member WHERE tenant_id = $1 AND platform_user_id = 'lina'`, [tenantId]) as { id: string }[]
    expect(m).toBeDefined()
    return m!
  }, 20_000)
  const customer = await t.db.manager.save(t.db.manager.create(Customer, { tenantId, name: '浙大一院', ownerId: owner.id }))
  const r = await openOpportunity({ db: t.db, queues: rt.queues, config, log: rt.log },
    { tenantId, customerId: customer.id, ownerId: owner.id, title: '彩超设备更新', processId: 'quick', actor: 'test' }, new Date())
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  opportunityId = r.value.opportunityId
  await t.db.query(`UPDATE opportunity SET fields = fields || '{"approvals": ["PROC-INST-42"]}'::jsonb WHERE id = $1`, [opportunityId])
})
afterAll(async () => {
  await worker.close()
  await rt.queues.close()
  await ding.close()
  await t.drop()
})

describe('text commands on DingTalk', () => {
  it('待办 sent to the robot (delivered three times) is answered with one work notification listing the member’s open node', async () => {
    for (let i = 0; i < 3; i++) await robotSays('待办', 'msgTodo1==').expect(200)
    await expectEventually(() => expect(ding.state.delivered('lina')).toHaveLength(1), 15_000)
    const [n] = ding.state.delivered('lina')
    expect(n!.msg).toMatchObject({ msgtype: 'markdown', markdown: { text: expect.stringContaining('浙大一院 · 首次拜访') } })
    const rows = await t.db.query(`SELECT channel, status FROM outbox WHERE tenant_id = $1 AND kind = 'reply'`, [tenantId])
    expect(rows).toEqual([{ channel: 'dingtalk', status: 'sent' }])
  })
})

describe('a picture sent to the robot', () => {
  it('is offered as a quote with one button per open opportunity; tapping it (twice) archives one quote for that customer', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000020000000208060000', 'hex')
    ding.state.media.set('DLQUOTE1', { data: png, contentType: 'image/png' })
    const before = ding.state.delivered('lina').length
    const body = { ...robotTextPayload({ msgId: 'msgPic1==', staffId: 'lina', text: '', corpId: 'dingcorp', robotCode: DING.DINGTALK_APP_KEY, createAt: Date.now() }),
      msgtype: 'picture', text: undefined, content: { downloadCode: 'DLQUOTE1' } }
    await request(app).post('/dingtalk/callback').set(robotHeaders(DING.DINGTALK_APP_SECRET, Date.now())).type('application/json').send(JSON.stringify(body)).expect(200)
    await expectEventually(() => expect(ding.state.delivered('lina')).toHaveLength(before + 1), 15_000)
    const card = ding.state.delivered('lina').at(-1)!.msg.action_card as { btn_json_list: { title: string; action_url: string }[] }
    expect(card.btn_json_list.map((b) => b.title)).toEqual(['浙大一院'])
    const url = new URL(card.btn_json_list[0]!.action_url)
    for (const again of [false, true]) {
      const page = await request(app).get(`${url.pathname}${url.search}`).expect(200)
      expect(page.text).toContain(again ? '已经点过' : '已提交识别')
    }
    await expectEventually(async () => expect(await t.db.query(`SELECT opportunity_id FROM quote WHERE tenant_id = $1`, [tenantId]))
      .toEqual([{ opportunity_id: opportunityId }]), 15_000)
  })
})

describe('DingTalk approval events', () => {
  const trail = async () => t.db.query(`SELECT summary, data->>'statusChangeEvent' AS step, opportunity_id FROM activity
    WHERE tenant_id = $1 AND kind = 'approval' ORDER BY occurred_at, summary`, [tenantId]) as Promise<{ summary: string; step: string; opportunity_id: string }[]>

  it('bpms_instance_change and bpms_task_change land in the approval trail of the opportunity naming the instance, once each', async () => {
    const events = [
      { EventType: 'bpms_instance_change', processInstanceId: 'PROC-INST-42', type: 'start', staffId: 'lina', title: '报价审批', TimeStamp: '1795766400000' },
      { EventType: 'bpms_task_change', processInstanceId: 'PROC-INST-42', type: 'finish', result: 'agree', staffId: 'zhaomgr', title: '报价审批', TimeStamp: '1795766460000' },
      { EventType: 'bpms_instance_change', processInstanceId: 'PROC-INST-42', type: 'finish', result: 'agree', staffId: 'lina', title: '报价审批', TimeStamp: '1795766520000' },
    ]
    for (const e of [...events, events[1]!]) await push(e).expect(200) // the task event retried by DingTalk
    await expectEventually(async () => expect(await trail()).toEqual([
      { summary: '审批 PROC-INST-42 状态 1', step: 'start', opportunity_id: opportunityId },
      { summary: '审批 PROC-INST-42 状态 1', step: 'task_finish_agree', opportunity_id: opportunityId },
      { summary: '审批 PROC-INST-42 状态 2', step: 'finish', opportunity_id: opportunityId },
    ]), 15_000)
  })
})

describe('sidebar sign-in as a DingTalk H5 micro-app', () => {
  it('exchanges an auth code for a session of that member of the DingTalk tenant', async () => {
    const res = await login({ code: ding.state.issueAuthCode('lina') }).expect(200)
    expect(res.body).toMatchObject({ member: { name: '李娜' }, tenant: { id: tenantId } })
    const cookie = res.headers['set-cookie'] as unknown as string[]
    expect(cookie.join(';')).toMatch(/sp_session=.+httponly/i)
    const me = await request(app).get('/api/me').set('Cookie', cookie).expect(200)
    expect(me.body).toMatchObject({ member: { name: '李娜' }, tenant: { id: tenantId }, channel: 'dingtalk' })
  })

  it('learns a member not synced yet from the directory, with their direct manager', async () => {
    await t.db.query(`DELETE FROM member WHERE tenant_id = $1 AND platform_user_id = 'chenli'`, [tenantId])
    await login({ code: ding.state.issueAuthCode('chenli') }).expect(200)
    const [row] = await t.db.query(`SELECT boss.platform_user_id AS manager FROM member m JOIN member boss ON boss.id = m.manager_id
      WHERE m.tenant_id = $1 AND m.platform_user_id = 'chenli'`, [tenantId])
    expect(row).toEqual({ manager: 'zhaomgr' })
  })

  it.each([
    ['an unknown code', () => 'not-a-code'],
    ['a code used once already', () => { const c = ding.state.issueAuthCode('lina'); return login({ code: c }).expect(200).then(() => c) }],
  ])('refuses %s with 401 AUTH_CODE_INVALID and sets no session', async (_n, codeOf) => {
    const res = await login({ code: await codeOf() }).expect(401)
    expect(res.body.error).toMatchObject({ code: 'AUTH_CODE_INVALID', message: { zh: expect.stringContaining('钉钉登录授权码无效'), en: expect.stringContaining('DingTalk sign-in code') } })
    expect(res.headers['set-cookie']).toBeUndefined()
  })

  it('refuses a code posted for a tenant that is not on DingTalk, and a body without a code', async () => {
    const wecom = await login({ code: ding.state.issueAuthCode('lina'), tenant: 'default' }).expect(404)
    expect(wecom.body.error.code).toBe('TENANT_UNKNOWN')
    expect((await login({}).expect(400)).body.error.code).toBe('BAD_REQUEST')
  })
})

describe('dd.config for the micro-app', () => {
  const config = (cookie: string[] | null, url: string) => {
    const req = request(app).get('/api/dingtalk/jsapi-config').query({ url })
    return cookie ? req.set('Cookie', cookie) : req
  }
  let cookie: string[]
  beforeAll(async () => {
    cookie = (await login({ code: ding.state.issueAuthCode('lina') }).expect(200)).headers['set-cookie'] as unknown as string[]
  })

  it('signs the page URL without its fragment over the app’s JSAPI ticket, fetching the ticket once', async () => {
    for (let i = 0; i < 2; i++) {
      const { body } = await config(cookie, 'https://crm.example.cn/sidebar/?corpId=ding1234corp#/card').expect(200)
      expect(body).toEqual({ agentId: DING.DINGTALK_AGENT_ID, timeStamp: expect.any(Number), nonceStr: expect.any(String), signature: expect.any(String) })
      expect(body.signature).toBe(jsapiSignature(ding.state.jsapiTicket, body.nonceStr, String(body.timeStamp), 'https://crm.example.cn/sidebar/?corpId=ding1234corp'))
    }
    expect(ding.state.ticketsIssued).toBe(1)
  })

  it('signs only pages on the bot’s own host, and only for a signed-in member', async () => {
    const other = await config(cookie, 'https://crm.example.cn.evil.example/sidebar/').expect(400)
    expect(other.body.error.code).toBe('JSAPI_URL_NOT_ALLOWED')
    expect((await config(null, 'https://crm.example.cn/sidebar/').expect(401)).body.error.code).toBe('UNAUTHENTICATED')
  })
})
