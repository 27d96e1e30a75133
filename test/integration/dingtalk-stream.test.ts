import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { robotTextPayload } from '../../io/channels/dingtalk/callback-builder.js'
import { startDingtalkStream, type DingtalkStream } from '../../io/channels/dingtalk/stream.js'
import { inboxSink } from '../../io/channels/dingtalk/stream-inbox.js'
import { startBot } from '../../bot/server.js'
import { upsertTenant } from '../../io/db/tenant.repo.js'
import type { Runtime } from '../../io/runtime.js'
import { startFakeStream, type FakeStream } from '../fakes/dingtalk-stream-fake.js'
import { expectEventually } from '../setup/expect-eventually.js'
import { testRuntime } from '../setup/runtime.js'
import { createTestDb, type TestDb } from '../setup/test-db.js'

const APP = { appKey: 'dingstreamapp', appSecret: 'stream-secret' }
let t: TestDb
let rt: Runtime
let fake: FakeStream
let stream: DingtalkStream | undefined
let tenantId: string
let seq = 0

const robot = (text: string) => robotTextPayload({ msgId: `smsg${++seq}==`, staffId: 'lina', text, corpId: 'dingcorp', robotCode: APP.appKey, createAt: Date.now() })
const inbox = async () => t.db.query(`SELECT dedupe_key, event_type FROM inbox WHERE tenant_id = $1 ORDER BY received_at`, [tenantId]) as Promise<{ dedupe_key: string; event_type: string }[]>
const start = (watchdogMs = 5_000) => {
  stream = startDingtalkStream({ ...APP, gatewayBase: fake.url, watchdogMs, backoff: { initialMs: 20, maxMs: 200 },
    sink: inboxSink({ db: t.db, queues: rt.queues, tenantId, log: rt.log }), log: rt.log })
  return stream
}

beforeAll(async () => {
  t = await createTestDb()
  rt = testRuntime(t)
  tenantId = (await upsertTenant(t.db.manager, { slug: 'ding-stream', name: 'stream', channel: 'dingtalk', corpId: null, agentId: '1',
    credentials: { ...APP, token: 'x', aesKey: '4g5j64qlyl3zvetqxz5jiocdr586fn2zvjpa8zls3ij' } })).id
})
afterEach(async () => {
  await stream?.close()
  await fake?.close()
})
afterAll(async () => {
  await rt.queues.close()
  await t.drop()
})

describe('DingTalk Stream mode', () => {
  it('stores a robot message, acknowledges it, and stores a redelivery of the same message once', async () => {
    fake = await startFakeStream({ ...APP, redeliverMs: 10_000 })
    start()
    await expectEventually(() => expect(fake.connections()).toBe(1))
    const data = robot('帮助')
    const first = fake.pushRobot(data)
    await expectEventually(() => expect(fake.acks).toContain(first))
    const again = fake.pushRobot(data) // DingTalk redelivers with a new frame id when our ack was lost
    await expectEventually(() => expect(fake.acks).toContain(again))
    expect(await inbox()).toEqual([{ dedupe_key: `msg_smsg${seq}==`, event_type: 'text' }])
    expect(await rt.queues.queue('events').count()).toBe(1)
  })

  it('acknowledges an event only after storing it, keyed so a redelivered event is stored once', async () => {
    fake = await startFakeStream({ ...APP, redeliverMs: 10_000 })
    start()
    await expectEventually(() => expect(fake.connections()).toBe(1))
    const before = (await inbox()).length
    const a = fake.pushEvent('bpms_instance_change', 'evt-1', { processInstanceId: 'PI-9', type: 'start', staffId: 'lina' })
    const b = fake.pushEvent('bpms_instance_change', 'evt-1', { processInstanceId: 'PI-9', type: 'start', staffId: 'lina' })
    await expectEventually(() => expect(fake.acks).toEqual(expect.arrayContaining([a, b])))
    expect((await inbox()).slice(before).map((r) => r.event_type)).toEqual(['approval'])
  })

  it('reconnects after the socket drops and loses nothing pushed meanwhile', async () => {
    fake = await startFakeStream({ ...APP, redeliverMs: 100 })
    start()
    await expectEventually(() => expect(fake.connections()).toBe(1))
    fake.killSocket()
    const id = fake.pushRobot(robot('待办')) // sent while no connection is up: held and redelivered
    await expectEventually(() => expect(fake.acks).toContain(id))
    expect(fake.connections()).toBe(2)
    expect((await inbox()).at(-1)).toEqual({ dedupe_key: `msg_smsg${seq}==`, event_type: 'text' })
  })

  it('reconnects when the connection goes silent without closing (watchdog)', async () => {
    fake = await startFakeStream({ ...APP, redeliverMs: 100, pingMs: 50 })
    start(400)
    await expectEventually(() => expect(fake.connections()).toBe(1))
    fake.silence()
    const id = fake.pushRobot(robot('今日'))
    await expectEventually(() => expect(fake.acks).toContain(id))
    expect(fake.connections()).toBeGreaterThanOrEqual(2)
    expect((await inbox()).at(-1)).toEqual({ dedupe_key: `msg_smsg${seq}==`, event_type: 'text' })
  })

  it('opens a new connection on the server disconnect frame', async () => {
    fake = await startFakeStream({ ...APP, redeliverMs: 100 })
    start()
    await expectEventually(() => expect(fake.connections()).toBe(1))
    fake.sendDisconnect()
    await expectEventually(() => expect(fake.connections()).toBe(2))
    const id = fake.pushRobot(robot('帮助'))
    await expectEventually(() => expect(fake.acks).toContain(id))
  })
})

describe('choosing HTTP or Stream per tenant', () => {
  it('the bot opens a Stream connection only for DingTalk tenants switched to stream, storing into that tenant', async () => {
    fake = await startFakeStream({ ...APP, redeliverMs: 100 })
    await t.db.query(`UPDATE tenant SET settings = $2 WHERE id = $1`, [tenantId, { transport: 'stream', streamGatewayBase: fake.url }])
    await upsertTenant(t.db.manager, { slug: 'ding-http', name: 'http', channel: 'dingtalk', corpId: null, agentId: '2',
      credentials: { ...APP, token: 'y', aesKey: '4g5j64qlyl3zvetqxz5jiocdr586fn2zvjpa8zls3ij' } })
    const bot = await startBot(rt)
    try {
      await expectEventually(() => expect(fake.connections()).toBe(1))
      const id = fake.pushRobot(robot('帮助'))
      await expectEventually(() => expect(fake.acks).toContain(id))
      expect((await inbox()).at(-1)).toEqual({ dedupe_key: `msg_smsg${seq}==`, event_type: 'text' })
      expect(fake.connections()).toBe(1) // the HTTP tenant did not connect
    } finally {
      await bot.close()
    }
  })
})
