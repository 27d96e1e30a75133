import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../bot/app.js'
import { botRouters } from '../../bot/server.js'
import { buildSignedCallback } from '../../io/channels/wecom/callback-builder.js'
import type { Runtime } from '../../io/runtime.js'
import { startWorker, type RunningWorker } from '../../worker/run.js'
import { startFakeWecom, type FakeWecom } from '../fakes/wecom-server.js'
import { expectEventually } from '../setup/expect-eventually.js'
import { testRuntime } from '../setup/runtime.js'
import { createTestDb, type TestDb } from '../setup/test-db.js'

const CORP = 'wworgcorp'
const cfg = { token: 'tok', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', corpId: CORP }
let t: TestDb
let rt: Runtime
let fake: FakeWecom
let worker: RunningWorker

const org = async () => (await t.db.query(`SELECT m.platform_user_id AS id, m.name, m.active, boss.platform_user_id AS manager
  FROM member m LEFT JOIN member boss ON boss.id = m.manager_id ORDER BY m.platform_user_id`)) as { id: string; manager: string | null; active: boolean }[]

beforeAll(async () => {
  fake = await startFakeWecom({ corpId: CORP, secret: 's', agentId: 1000002,
    departments: [{ id: 1, name: '公司', parentid: 0 }, { id: 2, name: '华东销售部', parentid: 1, department_leader: ['wangjg'] }],
    users: [
      { userid: 'zhou', name: '周总', department: [1], is_leader_in_dept: [1] },
      { userid: 'wangjg', name: '王建国', department: [2], direct_leader: ['zhou'], is_leader_in_dept: [1] },
      { userid: 'lina', name: '李娜', department: [2], direct_leader: ['wangjg'] },
      { userid: 'zhangwei', name: '张伟', department: [2], direct_leader: ['wangjg'] },
    ] })
  t = await createTestDb()
  rt = testRuntime(t, { WECOM_ENABLED: 'true', WECOM_CORP_ID: CORP, WECOM_AGENT_ID: '1000002', WECOM_SECRET: 's',
    WECOM_TOKEN: cfg.token, WECOM_AES_KEY: cfg.encodingAesKey, WECOM_API_BASE: fake.url })
  await botRouters(rt) // stores the environment's tenant
  worker = await startWorker(rt)
})
afterAll(async () => {
  await worker.close()
  await rt.queues.close()
  await fake.close()
  await t.drop()
})

describe('org sync from the WeCom directory', () => {
  it('builds the org tree with every member’s direct manager', async () => {
    await rt.queues.add('org-sync', {}, { jobId: 'org-sync-test-1' })
    await expectEventually(async () => expect(await org()).toEqual([
      { id: 'lina', name: '李娜', active: true, manager: 'wangjg' },
      { id: 'wangjg', name: '王建国', active: true, manager: 'zhou' },
      { id: 'zhangwei', name: '张伟', active: true, manager: 'wangjg' },
      { id: 'zhou', name: '周总', active: true, manager: null },
    ]), 20_000)
  })

  it('follows a 通讯录 change event: a new leader and a member who left', async () => {
    fake.setUsers([
      { userid: 'zhou', name: '周总', department: [1], is_leader_in_dept: [1] },
      { userid: 'wangjg', name: '王建国', department: [2], direct_leader: ['zhou'], is_leader_in_dept: [1] },
      { userid: 'lina', name: '李娜', department: [2], direct_leader: ['zhou'] },
    ])
    const xml = `<xml><ToUserName><![CDATA[${CORP}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>` +
      `<CreateTime>1795766400</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_contact]]></Event>` +
      `<ChangeType><![CDATA[update_user]]></ChangeType><UserID><![CDATA[lina]]></UserID></xml>`
    const cb = buildSignedCallback(cfg, xml)
    const app = createApp({ log: rt.log, probes: {}, routers: await botRouters(rt) }).callback()
    await request(app).post('/wecom/callback').query(cb.query).type('text/xml').send(cb.body).expect(200)
    await expectEventually(async () => {
      const rows = await org()
      expect(rows.find((r) => r.id === 'lina')?.manager).toBe('zhou')
      expect(rows.find((r) => r.id === 'zhangwei')?.active).toBe(false)
    }, 20_000)
  })
})
