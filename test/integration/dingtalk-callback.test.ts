import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../bot/app.js'
import { botRouters } from '../../bot/server.js'
import { computeSignature, decryptMessage } from '../../io/channels/crypto.js'
import { buildSignedPush, robotHeaders, robotTextPayload } from '../../io/channels/dingtalk/callback-builder.js'
import { dingtalkKeyring } from '../../io/channels/dingtalk/codec.js'
import { buildSignedCallback, renderInboundXml } from '../../io/channels/wecom/callback-builder.js'
import type { Runtime } from '../../io/runtime.js'
import { startWorker, type RunningWorker } from '../../worker/run.js'
import { startFakeDingtalk, type FakeDingtalk } from '../fakes/dingtalk-server.js'
import { startFakeWecom, type FakeWecom } from '../fakes/wecom-server.js'
import { expectEventually } from '../setup/expect-eventually.js'
import { testRuntime } from '../setup/runtime.js'
import { createTestDb, type TestDb } from '../setup/test-db.js'

const DING = { DINGTALK_APP_KEY: 'dingtestappkey', DINGTALK_APP_SECRET: 'ding-secret', DINGTALK_TOKEN: 'dtoken',
  DINGTALK_AES_KEY: '4g5j64qlyl3zvetqxz5jiocdr586fn2zvjpa8zls3ij', DINGTALK_AGENT_ID: '2000001' }
const WECOM = { WECOM_ENABLED: 'true', WECOM_CORP_ID: 'wwtestcorp', WECOM_AGENT_ID: '1000002', WECOM_SECRET: 'app-secret',
  WECOM_TOKEN: 'QDG6eK', WECOM_AES_KEY: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' }
const ringResult = dingtalkKeyring({ token: DING.DINGTALK_TOKEN, encodingAesKey: DING.DINGTALK_AES_KEY, receiveId: DING.DINGTALK_APP_KEY })
if (!ringResult.ok) throw new Error('test key')
const ring = ringResult.value

let t: TestDb
let rt: Runtime
let ding: FakeDingtalk
let wecom: FakeWecom
let worker: RunningWorker
let app: ReturnType<ReturnType<typeof createApp>['callback']>
let msgSeq = 0

const inboxRows = async (tenantSlug = 'dingtalk') => t.db.query(
  `SELECT i.dedupe_key, i.event_type, i.channel FROM inbox i JOIN tenant t ON t.id = i.tenant_id WHERE t.slug = $1 ORDER BY i.received_at`, [tenantSlug])
const push = (plaintext: string, path = '/dingtalk/callback') => {
  const p = buildSignedPush(ring, plaintext, Date.now())
  return request(app).post(path).query(p.query).type('application/json').send(p.body)
}
const robotSays = (text: string, staffId = 'lina') => {
  const body = JSON.stringify(robotTextPayload({ msgId: `msg${++msgSeq}==`, staffId, text, corpId: 'dingcorp', robotCode: DING.DINGTALK_APP_KEY, createAt: Date.now() }))
  return { body, send: () => request(app).post('/dingtalk/callback').set(robotHeaders(DING.DINGTALK_APP_SECRET, Date.now())).type('application/json').send(body) }
}
/** The reply must be the encrypted literal `success`, signed over its own timeStamp and nonce. */
function expectSuccessReply(body: { msg_signature: string; timeStamp: string; nonce: string; encrypt: string }) {
  expect(computeSignature(ring.token, body.timeStamp, body.nonce, body.encrypt)).toBe(body.msg_signature)
  const plain = decryptMessage(ring.key, body.encrypt, DING.DINGTALK_APP_KEY)
  expect(plain.ok && plain.value.message).toBe('success')
}

beforeAll(async () => {
  ding = await startFakeDingtalk({ appKey: DING.DINGTALK_APP_KEY, appSecret: DING.DINGTALK_APP_SECRET, agentId: DING.DINGTALK_AGENT_ID,
    users: [{ userid: 'lina', name: '林娜', dept_id_list: [2], manager_userid: 'zhaomgr' }, { userid: 'zhaomgr', name: '赵经理', dept_id_list: [2], leader_in_dept: [{ dept_id: 2, leader: true }] }] })
  wecom = await startFakeWecom({ corpId: WECOM.WECOM_CORP_ID, secret: WECOM.WECOM_SECRET, agentId: 1000002,
    users: [{ userid: 'lina', name: '李娜', department: [2] }] })
  t = await createTestDb()
  rt = testRuntime(t, { ...DING, DINGTALK_API_BASE: ding.url, ...WECOM, WECOM_API_BASE: wecom.url })
  app = createApp({ log: rt.log, probes: {}, routers: await botRouters(rt) }).callback()
  worker = await startWorker(rt)
})
afterAll(async () => {
  await worker.close()
  await rt.queues.close()
  await ding.close()
  await wecom.close()
  await t.drop()
})

describe('DingTalk HTTP push', () => {
  it('answers the check_url handshake with the encrypted success and stores nothing', async () => {
    const res = await push(JSON.stringify({ EventType: 'check_url' })).expect(200)
    expectSuccessReply(res.body)
    expect(await inboxRows()).toEqual([])
  })

  it('stores a pushed event once however often DingTalk retries it, answering success each time', async () => {
    const p = buildSignedPush(ring, JSON.stringify({ EventType: 'bpms_instance_change', processInstanceId: 'PI-7', type: 'finish', result: 'agree', staffId: 'lina', TimeStamp: '1795766400000' }), Date.now())
    for (let i = 0; i < 3; i++) {
      const res = await request(app).post('/dingtalk/callback').query(p.query).type('application/json').send(p.body).expect(200)
      expectSuccessReply(res.body)
    }
    expect(await inboxRows()).toEqual([expect.objectContaining({ event_type: 'approval', channel: 'dingtalk' })])
  })

  it('serves the same tenant at /dingtalk/:tenant/callback', async () => {
    const res = await push(JSON.stringify({ EventType: 'user_add_org', UserId: ['u9'], TimeStamp: '1795766400001' }), '/dingtalk/dingtalk/callback').expect(200)
    expectSuccessReply(res.body)
    expect((await inboxRows()).map((r: { event_type: string }) => r.event_type)).toEqual(['approval', 'unknown'])
  })

  it.each([
    ['a forged signature', (q: Record<string, string>) => ({ ...q, msg_signature: '0'.repeat(40) }), 401, 'CALLBACK_BAD_SIGNATURE'],
    ['a timestamp that is not the signed one', (q: Record<string, string>) => ({ ...q, timestamp: String(Number(q.timestamp) + 1) }), 401, 'CALLBACK_BAD_SIGNATURE'],
  ])('refuses %s and stores nothing', async (_n, tamper, status, code) => {
    const before = (await inboxRows()).length
    const p = buildSignedPush(ring, JSON.stringify({ EventType: 'user_leave_org', UserId: ['x'] }), Date.now())
    const res = await request(app).post('/dingtalk/callback').query(tamper(p.query)).type('application/json').send(p.body).expect(status)
    expect(res.body.error.code).toBe(code)
    expect(await inboxRows()).toHaveLength(before)
  })

  it('refuses a push encrypted for another app (receive id is the appKey)', async () => {
    const other = dingtalkKeyring({ token: DING.DINGTALK_TOKEN, encodingAesKey: DING.DINGTALK_AES_KEY, receiveId: 'dingotherapp' })
    if (!other.ok) throw new Error('key')
    const p = buildSignedPush(other.value, JSON.stringify({ EventType: 'user_add_org' }), Date.now())
    const res = await request(app).post('/dingtalk/callback').query(p.query).type('application/json').send(p.body).expect(400)
    expect(res.body.error.code).toBe('CALLBACK_RECEIVER_MISMATCH')
  })

  it('answers 404 for an unknown tenant', async () => {
    const res = await push('{"EventType":"check_url"}', '/dingtalk/nobody/callback').expect(404)
    expect(res.body.error.code).toBe('TENANT_UNKNOWN')
  })
})

describe('DingTalk robot message → inbox → one work notification', () => {
  it('answers 帮助 with exactly one delivered work notification even when the message is posted three times', async () => {
    // the sender is not known yet: the worker learns them from the DingTalk directory, manager included
    const msg = robotSays('帮助')
    for (let i = 0; i < 3; i++) await msg.send().expect(200)
    await expectEventually(() => expect(ding.state.delivered('lina')).toHaveLength(1), 15_000)
    const [n] = ding.state.delivered('lina')
    expect(n!.msg).toMatchObject({ msgtype: 'markdown', markdown: { title: expect.any(String), text: expect.stringContaining('待办') } })
    expect(ding.state.notices.filter((x) => x.userid === 'lina')).toHaveLength(1)
    // The worker marks the row sent just after DingTalk answered: poll for it rather than racing the mark.
    await expectEventually(async () => {
      const rows = await t.db.query(`SELECT status, platform_msg_id FROM outbox o JOIN tenant t ON t.id = o.tenant_id WHERE t.slug = 'dingtalk'`)
      expect(rows).toEqual([{ status: 'sent', platform_msg_id: String(n!.taskId) }])
    }, 10_000)
    const [member] = await t.db.query(`SELECT m.name, boss.platform_user_id AS manager FROM member m JOIN tenant t ON t.id = m.tenant_id
      LEFT JOIN member boss ON boss.id = m.manager_id WHERE t.slug = 'dingtalk' AND m.platform_user_id = 'lina'`)
    expect(member).toEqual({ name: '林娜', manager: 'zhaomgr' })
  })

  it('a second 帮助 the same day still arrives (DingTalk drops identical content once a day)', async () => {
    await robotSays('帮助').send().expect(200)
    await expectEventually(() => expect(ding.state.delivered('lina')).toHaveLength(2), 15_000)
    expect(ding.state.notices.filter((n) => n.forbidden)).toEqual([])
  })

  it('refuses a robot message with a wrong sign', async () => {
    const res = await request(app).post('/dingtalk/callback').set(robotHeaders('not-the-secret', Date.now())).type('application/json')
      .send(robotSays('待办').body).expect(401)
    expect(res.body.error.code).toBe('CALLBACK_BAD_SIGNATURE')
  })
})

describe('a DingTalk tenant and a WeCom tenant in one process', () => {
  it('answers each on its own platform and keeps their members and inboxes apart', async () => {
    const dingBefore = ding.state.notices.length
    const cb = buildSignedCallback({ token: WECOM.WECOM_TOKEN, encodingAesKey: WECOM.WECOM_AES_KEY, corpId: WECOM.WECOM_CORP_ID },
      renderInboundXml({ type: 'text', from: 'lina', content: '帮助', msgId: '4561255354251349999' }, { corpId: WECOM.WECOM_CORP_ID, agentId: '1000002', createTime: 1795766400 }))
    await request(app).post('/wecom/callback').query(cb.query).type('text/xml').send(cb.body).expect(200)
    await expectEventually(() => expect(wecom.sent.filter((m) => m.touser.includes('lina'))).toHaveLength(1), 15_000)
    expect(ding.state.notices.length).toBe(dingBefore)
    const members = await t.db.query(`SELECT t.slug, m.name FROM member m JOIN tenant t ON t.id = m.tenant_id WHERE m.platform_user_id = 'lina' ORDER BY t.slug`)
    expect(members).toEqual([{ slug: 'default', name: '李娜' }, { slug: 'dingtalk', name: '林娜' }])
    expect((await inboxRows('default')).map((r: { channel: string }) => r.channel)).toEqual(['wecom'])
    expect(new Set((await inboxRows('dingtalk')).map((r: { channel: string }) => r.channel))).toEqual(new Set(['dingtalk']))
  })

  it('a WeCom-signed callback sent to the DingTalk URL is refused', async () => {
    const cb = buildSignedCallback({ token: WECOM.WECOM_TOKEN, encodingAesKey: WECOM.WECOM_AES_KEY, corpId: WECOM.WECOM_CORP_ID },
      renderInboundXml({ type: 'text', from: 'lina', content: '帮助', msgId: '4561255354251348888' }, { corpId: WECOM.WECOM_CORP_ID, agentId: '1000002', createTime: 1795766401 }))
    const res = await request(app).post('/dingtalk/callback').query(cb.query).type('text/xml').send(cb.body)
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
  })
})
