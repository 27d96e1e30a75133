import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../bot/app.js'
import { botRouters } from '../../bot/server.js'
import { Customer } from '../../io/db/entities/customer.entity.js'
import { findTenantBySlug } from '../../io/db/tenant.repo.js'
import { openOpportunity, type ShellDeps } from '../../io/handle-event.js'
import type { Runtime } from '../../io/runtime.js'
import { startWorker, type RunningWorker } from '../../worker/run.js'
import { startFakeDingtalk, type FakeDingtalk, type WorkNotice } from '../fakes/dingtalk-server.js'
import { expectEventually } from '../setup/expect-eventually.js'
import { testRuntime } from '../setup/runtime.js'
import { createTestDb, type TestDb } from '../setup/test-db.js'
import { quickConfig } from './fixtures/sales-world.js'

// A DingTalk tenant end to end: its org synced from the (fake) DingTalk directory, an overdue node escalated to
// the owner and the owner's direct manager as work notifications, and the card's buttons acting like WeCom's.

const DING = { DINGTALK_APP_KEY: 'dingorgapp', DINGTALK_APP_SECRET: 'ding-org-secret', DINGTALK_TOKEN: 'dtoken',
  DINGTALK_AES_KEY: '4g5j64qlyl3zvetqxz5jiocdr586fn2zvjpa8zls3ij', DINGTALK_AGENT_ID: '2000009', PUBLIC_URL: 'https://crm.example.cn' }
const config = quickConfig()
let t: TestDb
let rt: Runtime
let ding: FakeDingtalk
let worker: RunningWorker
let app: ReturnType<ReturnType<typeof createApp>['callback']>
let tenantId: string

const org = async () => (await t.db.query(`SELECT m.platform_user_id AS id, m.active, boss.platform_user_id AS manager
  FROM member m LEFT JOIN member boss ON boss.id = m.manager_id WHERE m.tenant_id = $1 ORDER BY m.platform_user_id`, [tenantId])) as
  { id: string; active: boolean; manager: string | null }[]
const cards = (userid: string): WorkNotice[] => ding.state.delivered(userid).filter((n) => n.msg.msgtype === 'action_card')
type ActionCard = { markdown: string; btn_json_list: { title: string; action_url: string }[] }
const cardOf = (n: WorkNotice) => n.msg.action_card as ActionCard
/** The button's link as the member's phone would open it: path and query against our bot. */
const buttonPath = (n: WorkNotice, title: string) => {
  const url = new URL(cardOf(n).btn_json_list.find((b) => b.title === title)!.action_url)
  expect(url.origin).toBe(DING.PUBLIC_URL)
  return `${url.pathname}${url.search}`
}
const runRow = async (id: string) => (await t.db.query('SELECT reminder_level, next_reminder_at FROM node_run WHERE id = $1', [id]))[0] as
  { reminder_level: number; next_reminder_at: Date }

beforeAll(async () => {
  ding = await startFakeDingtalk({ appKey: DING.DINGTALK_APP_KEY, appSecret: DING.DINGTALK_APP_SECRET, agentId: DING.DINGTALK_AGENT_ID,
    departments: [{ dept_id: 2, name: '华东销售部', parent_id: 1 }, { dept_id: 3, name: '杭州组', parent_id: 2 }],
    users: [
      { userid: 'zhou', name: '周总', dept_id_list: [1], leader_in_dept: [{ dept_id: 1, leader: true }] },
      { userid: 'wangjg', name: '王建国', dept_id_list: [2], manager_userid: 'zhou', leader_in_dept: [{ dept_id: 2, leader: true }] },
      { userid: 'lina', name: '李娜', dept_id_list: [3], manager_userid: 'wangjg' },
      { userid: 'chenli', name: '陈丽', dept_id_list: [3], manager_userid: 'wangjg' },
    ] })
  t = await createTestDb()
  // A WeCom tenant beside it whose API cannot be reached: its failing sync must not starve the DingTalk one.
  rt = testRuntime(t, { ...DING, DINGTALK_API_BASE: ding.url, WECOM_ENABLED: 'true', WECOM_CORP_ID: 'wwunreachable', WECOM_AGENT_ID: '1000002',
    WECOM_SECRET: 's', WECOM_TOKEN: 'tok', WECOM_AES_KEY: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', WECOM_API_BASE: 'http://127.0.0.1:9' })
  app = createApp({ log: rt.log, probes: {}, routers: await botRouters(rt) }).callback()
  tenantId = (await findTenantBySlug(t.db.manager, 'dingtalk'))!.id
  worker = await startWorker(rt, { config, digest: false })
})
afterAll(async () => {
  await worker.close()
  await rt.queues.close()
  await ding.close()
  await t.drop()
})

describe('a DingTalk tenant', () => {
  it('syncs its org tree from the DingTalk directory, each member with the direct manager from user/get', async () => {
    await rt.queues.add('org-sync', { tenantId }, { jobId: 'org-sync-ding-1' })
    await expectEventually(async () => expect(await org()).toEqual([
      { id: 'chenli', active: true, manager: 'wangjg' },
      { id: 'lina', active: true, manager: 'wangjg' },
      { id: 'wangjg', active: true, manager: 'zhou' },
      { id: 'zhou', active: true, manager: null },
    ]), 20_000)
    // user/list carries no manager: the sync read every member with user/get
    expect(ding.state.calls.filter((c) => c.path === '/topapi/v2/user/get').map((c) => (c.body as { userid: string }).userid).sort())
      .toEqual(['chenli', 'lina', 'wangjg', 'zhou'])
  })

  let nodeRunId = ''
  let opportunityId = ''
  it('escalates an overdue node to the owner and the owner’s direct manager as work notifications, with buttons', async () => {
    const [lina] = await t.db.query(`SELECT id FROM member WHERE tenant_id = $1 AND platform_user_id = 'lina'`, [tenantId]) as { id: string }[]
    const customer = await t.db.manager.save(t.db.manager.create(Customer, { tenantId, name: '浙大一院', ownerId: lina!.id }))
    const shell: ShellDeps = { db: t.db, queues: rt.queues, config, log: rt.log }
    // Entered 130 s ago: level 1 (owner) and level 2 (owner + direct manager) are both due; level 3 is ~3 min away.
    const r = await openOpportunity(shell, { tenantId, customerId: customer.id, ownerId: lina!.id, title: '彩超设备更新', processId: 'quick',
      actor: 'test' }, new Date(Date.now() - 130_000))
    if (!r.ok) throw new Error(JSON.stringify(r.error))
    opportunityId = r.value.opportunityId
    nodeRunId = r.value.nodeRunId ?? ''
    expect(nodeRunId).not.toBe('')
    await expectEventually(() => {
      expect(cards('lina')).toHaveLength(2)
      expect(cards('wangjg')).toHaveLength(1)
    }, 60_000)
    expect(cards('zhou')).toHaveLength(0)
    expect(cards('chenli')).toHaveLength(0)
    const toManager = cardOf(cards('wangjg')[0]!)
    expect(toManager.markdown).toContain('浙大一院')
    expect(toManager.markdown).toContain('负责人 李娜')
    expect(toManager.btn_json_list.map((b) => b.title)).toEqual(['已跟进', '延期1天', '查看记录'])
    expect((await runRow(nodeRunId)).reminder_level).toBe(2)
    // Stored as what they are: DingTalk messages (admins read the outbox by channel).
    expect(await t.db.query(`SELECT DISTINCT channel FROM outbox WHERE tenant_id = $1`, [tenantId])).toEqual([{ channel: 'dingtalk' }])
  }, 90_000)

  it('延期1天 on the card moves the next reminder one working day, once, however often it is tapped', async () => {
    const before = (await runRow(nodeRunId)).next_reminder_at
    const link = buttonPath(cards('lina').at(-1)!, '延期1天')
    const first = await request(app).get(link).expect(200)
    expect(first.text).toContain('已延期1天')
    const again = await request(app).get(link).expect(200)
    expect(again.text).toContain('已经点过')
    const snoozes = async () => t.db.query(`SELECT actor FROM audit_log WHERE entity_id = $1 AND action = 'reminder.snoozed'`, [nodeRunId])
    await expectEventually(async () => expect(await snoozes()).toEqual([{ actor: 'member:lina' }]), 15_000)
    const moved = (await runRow(nodeRunId)).next_reminder_at.getTime() - before.getTime()
    expect(moved).toBeGreaterThan(86_400_000 - 60_000) // every minute works in this calendar: one working day is 24 h
    expect(moved).toBeLessThanOrEqual(86_400_000)
    expect(await t.db.query(`SELECT count(*)::int AS n FROM inbox WHERE tenant_id = $1 AND event_type = 'card_click'`, [tenantId])).toEqual([{ n: 1 }])
  })

  it('已跟进 records one follow-up on the opportunity; 查看记录 answers with a work notification', async () => {
    const card = cards('lina').at(-1)!
    const followed = buttonPath(card, '已跟进')
    await request(app).get(followed).expect(200)
    await request(app).get(followed).expect(200)
    const followUps = async () => t.db.query(`SELECT a.summary, m.platform_user_id AS by FROM activity a JOIN member m ON m.id = a.member_id
      WHERE a.opportunity_id = $1 AND a.kind = 'follow_up'`, [opportunityId])
    await expectEventually(async () => expect(await followUps()).toEqual([{ summary: '已跟进（提醒卡片）', by: 'lina' }]), 15_000)
    const before = ding.state.delivered('lina').length
    await request(app).get(buttonPath(card, '查看记录')).expect(200)
    await expectEventually(() => expect(ding.state.delivered('lina')).toHaveLength(before + 1), 15_000)
    expect(ding.state.delivered('lina').at(-1)!.msg).toMatchObject({ msgtype: 'markdown', markdown: { text: expect.stringContaining('已跟进（提醒卡片）') } })
    expect(await followUps()).toHaveLength(1)
  })

  it('refuses a forged or altered button link with a page naming the problem, and acts on nothing', async () => {
    const link = buttonPath(cards('wangjg')[0]!, '已跟进')
    const [path, token] = link.split('?t=') as [string, string]
    const [body, sig] = token.split('.') as [string, string]
    const claim = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown[]
    claim[1] = 'lina' // the manager's link, re-addressed to the rep
    const forged = `${path}?t=${Buffer.from(JSON.stringify(claim)).toString('base64url')}.${sig}`
    for (const bad of [forged, `${path}?t=nonsense`, path]) {
      const res = await request(app).get(bad).expect(401)
      expect(res.text).toContain('卡片按钮链接无效或已过期')
    }
    expect(await t.db.query(`SELECT count(*)::int AS n FROM inbox WHERE tenant_id = $1 AND event_type = 'card_click'`, [tenantId])).toEqual([{ n: 3 }])
  })

  it('the nightly sync of every tenant follows a member who left DingTalk, even while the WeCom tenant’s API is down', async () => {
    ding.state.setUsers([
      { userid: 'zhou', name: '周总', dept_id_list: [1], leader_in_dept: [{ dept_id: 1, leader: true }] },
      { userid: 'wangjg', name: '王建国', dept_id_list: [2], manager_userid: 'zhou', leader_in_dept: [{ dept_id: 2, leader: true }] },
      { userid: 'lina', name: '李娜', dept_id_list: [3], manager_userid: 'zhou' },
    ])
    await rt.queues.add('org-sync', {}, { jobId: 'org-sync-ding-nightly' })
    await expectEventually(async () => expect(await org()).toEqual([
      { id: 'chenli', active: false, manager: 'wangjg' },
      { id: 'lina', active: true, manager: 'zhou' },
      { id: 'wangjg', active: true, manager: 'zhou' },
      { id: 'zhou', active: true, manager: null },
    ]), 20_000)
  })
})
