import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../bot/app.js'
import { botRouters } from '../../bot/server.js'
import { buildSignedCallback, renderInboundXml, type InboundSpec } from '../../io/channels/wecom/callback-builder.js'
import type { Runtime } from '../../io/runtime.js'
import { startWorker, type RunningWorker } from '../../worker/run.js'
import { startFakeWecom, type FakeWecom } from '../fakes/wecom-server.js'
import { expectEventually } from '../setup/expect-eventually.js'
import { testRuntime } from '../setup/runtime.js'
import { createTestDb, type TestDb } from '../setup/test-db.js'

const CORP = 'wwtestcorp'
const SECRET = 'app-secret'
const cfg = { token: 'QDG6eK', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', corpId: CORP }

let t: TestDb
let rt: Runtime
let fake: FakeWecom
let worker: RunningWorker
let app: ReturnType<ReturnType<typeof createApp>['callback']>
let createTime = 1795766400

async function deliver(spec: InboundSpec, times = 1) {
  const cb = buildSignedCallback(cfg, renderInboundXml(spec, { corpId: CORP, agentId: '1000002', createTime: createTime++ }))
  for (let i = 0; i < times; i++) await request(app).post('/wecom/callback').query(cb.query).type('text/xml').send(cb.body).expect(200)
}
const sentTo = (user: string) => fake.sent.filter((m) => m.touser.includes(user) && !m.duplicate)

beforeAll(async () => {
  fake = await startFakeWecom({ corpId: CORP, secret: SECRET, agentId: 1000002, users: [
    { userid: 'lina', name: '李娜', department: [2], direct_leader: ['wangjg'] },
    { userid: 'wangjg', name: '王建国', department: [2], is_leader_in_dept: [1] },
  ], externalContacts: [{ external_contact: { external_userid: 'wmHospital01', name: '陈主任', type: 1, corp_name: '浙大一院' },
    follow_user: [{ userid: 'lina', createtime: 1795766000 }] }] })
  t = await createTestDb()
  rt = testRuntime(t, { WECOM_ENABLED: 'true', WECOM_CORP_ID: CORP, WECOM_AGENT_ID: '1000002', WECOM_SECRET: SECRET,
    WECOM_TOKEN: cfg.token, WECOM_AES_KEY: cfg.encodingAesKey, WECOM_API_BASE: fake.url, STORAGE_DIR: `/tmp/${t.name}` })
  app = createApp({ log: rt.log, probes: {}, routers: await botRouters(rt) }).callback()
  worker = await startWorker(rt)
})
afterAll(async () => {
  await worker.close()
  await rt.queues.close()
  await fake.close()
  await t.drop()
})

describe('WeCom events become domain actions', () => {
  it('answers 帮助 with exactly one message, even when WeCom delivers it three times', async () => {
    await deliver({ type: 'text', from: 'lina', content: '帮助', msgId: '4561255354251345001' }, 3)
    await expectEventually(() => expect(sentTo('lina')).toHaveLength(1), 15_000)
    const [msg] = sentTo('lina')
    expect(msg!.msgtype).toBe('markdown')
    expect(JSON.stringify(msg!.body)).toContain('待办')
    // The sender was learned from the directory, with her direct manager.
    const [member] = await t.db.query(`SELECT m.name, boss.platform_user_id AS manager FROM member m
      JOIN member boss ON boss.id = m.manager_id WHERE m.platform_user_id = 'lina'`)
    expect(member).toEqual({ name: '李娜', manager: 'wangjg' })
  })

  it('lists open tasks for 待办', async () => {
    const [lina] = await t.db.query(`SELECT id, tenant_id FROM member WHERE platform_user_id = 'lina'`)
    await t.db.query(`INSERT INTO task (tenant_id, assignee_id, title, due_at, idempotency_key)
      VALUES ($1, $2, '教育局备案流程说明', now() - interval '1 day', 'k1')`, [lina.tenant_id, lina.id])
    await deliver({ type: 'text', from: 'lina', content: '待办', msgId: '4561255354251345002' })
    await expectEventually(() => expect(sentTo('lina')).toHaveLength(2), 15_000)
    expect(JSON.stringify(sentTo('lina')[1]!.body)).toMatch(/已超期.*教育局备案流程说明/)
  })

  it('creates the customer and contact, owned by the member, when an external contact is added', async () => {
    await deliver({ type: 'external_contact', change: 'add_external_contact', userId: 'lina', externalUserId: 'wmHospital01' }, 2)
    await expectEventually(async () => {
      const rows = await t.db.query(`SELECT c.name AS customer, ct.name AS contact, m.platform_user_id AS owner
        FROM contact ct JOIN customer c ON c.id = ct.customer_id JOIN member m ON m.id = c.owner_id`)
      expect(rows).toEqual([{ customer: '浙大一院', contact: '陈主任', owner: 'lina' }])
    }, 15_000)
  })

  it('keeps history when the member stops following the contact', async () => {
    await deliver({ type: 'external_contact', change: 'del_follow_user', userId: 'lina', externalUserId: 'wmHospital01' })
    await expectEventually(async () => {
      const [c] = await t.db.query(`SELECT follower_ids FROM contact WHERE external_user_id = 'wmHospital01'`)
      expect(c.follower_ids).toEqual([])
    }, 15_000)
    const kinds = (await t.db.query(`SELECT summary FROM activity WHERE kind = 'contact_change' ORDER BY occurred_at`)).map((r: { summary: string }) => r.summary)
    expect(kinds).toEqual(['add_external_contact', 'del_follow_user'])
  })

  it('stores an image by content hash, once', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')
    fake.setMedia('MEDIA01', { data: png, contentType: 'image/png' })
    await deliver({ type: 'image', from: 'lina', mediaId: 'MEDIA01', msgId: '4561255354251345003' })
    await deliver({ type: 'image', from: 'lina', mediaId: 'MEDIA01', msgId: '4561255354251345004' })
    await expectEventually(async () => {
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM activity WHERE kind = 'image'`)
      expect(n).toBe(2)
    }, 15_000)
    const attachments = await t.db.query('SELECT sha256, size FROM attachment')
    expect(attachments).toEqual([{ sha256: expect.stringMatching(/^[0-9a-f]{64}$/), size: png.length }])
  })

  it('sends once when the token expires in the middle of sending', async () => {
    fake.expireToken()
    const before = fake.tokensIssued()
    await deliver({ type: 'text', from: 'lina', content: 'help', msgId: '4561255354251345005' })
    await expectEventually(() => expect(sentTo('lina')).toHaveLength(3), 15_000)
    expect(fake.tokensIssued()).toBe(before + 1)
  })

  it('acknowledges and ignores events it has no use for', async () => {
    await deliver({ type: 'card_click', from: 'lina', eventKey: 'unknown_key', taskId: 'T1' })
    await expectEventually(async () => {
      const [row] = await t.db.query(`SELECT processed_at, error_code FROM inbox WHERE event_type = 'card_click'`)
      expect(row.processed_at).not.toBeNull()
    }, 15_000)
  })

  describe('reminder card buttons', () => {
    let runId: string
    const nextReminder = new Date('2026-12-01T01:00:00Z') // Tue 09:00 Beijing
    beforeAll(async () => {
      const [lina] = await t.db.query(`SELECT id, tenant_id FROM member WHERE platform_user_id = 'lina'`)
      const [c] = await t.db.query(`SELECT id FROM customer LIMIT 1`)
      const [opp] = await t.db.query(`INSERT INTO opportunity (tenant_id, customer_id, owner_id, title, process_id, definition_version, current_node)
        VALUES ($1, $2, $3, '彩超更新', 'new-customer', 'v1', 'discovery') RETURNING id`, [lina.tenant_id, c.id, lina.id])
      const [run] = await t.db.query(`INSERT INTO node_run (tenant_id, opportunity_id, node, entered_at, due_at, next_reminder_at)
        VALUES ($1, $2, 'discovery', now() - interval '7 days', now() - interval '2 days', $3) RETURNING id`, [lina.tenant_id, opp.id, nextReminder])
      await t.db.query(`INSERT INTO activity (tenant_id, opportunity_id, kind, summary, occurred_at, received_at)
        VALUES ($1, $2, 'visit', '科主任确认预算 80 万', now(), now())`, [lina.tenant_id, opp.id])
      runId = run.id
    })

    it('延期1天 moves the next reminder by one working day, audited, and updates the card once', async () => {
      await deliver({ type: 'card_click', from: 'lina', eventKey: `snooze_${runId}`, taskId: `reminder_${runId}_1`, responseCode: 'RC1' }, 2)
      await expectEventually(async () => {
        const [run] = await t.db.query('SELECT next_reminder_at FROM node_run WHERE id = $1', [runId])
        expect(run.next_reminder_at.toISOString()).toBe('2026-12-02T01:00:00.000Z') // Wed 09:00 Beijing
      }, 15_000)
      const audit = await t.db.query(`SELECT action, actor FROM audit_log WHERE entity_id = $1`, [runId])
      expect(audit).toEqual([{ action: 'reminder.snoozed', actor: 'member:lina' }])
      await expectEventually(() => expect(fake.cardUpdates).toHaveLength(1), 15_000)
    })

    it('已跟进 records a follow-up on the opportunity', async () => {
      await deliver({ type: 'card_click', from: 'lina', eventKey: `followed_${runId}`, taskId: `reminder_${runId}_1`, responseCode: 'RC2' })
      await expectEventually(async () => {
        const rows = await t.db.query(`SELECT summary FROM activity WHERE kind = 'follow_up'`)
        expect(rows).toEqual([{ summary: '已跟进（提醒卡片）' }])
      }, 15_000)
    })

    it('查看记录 answers with the latest records', async () => {
      const before = sentTo('lina').length
      await deliver({ type: 'card_click', from: 'lina', eventKey: `view_${runId}`, taskId: `reminder_${runId}_1` })
      await expectEventually(() => expect(sentTo('lina')).toHaveLength(before + 1), 15_000)
      expect(JSON.stringify(sentTo('lina').at(-1)!.body)).toContain('科主任确认预算 80 万')
    })
  })

  it('sends a message whose worker died mid-send once its lease ends, even when the stalled job came back early', async () => {
    const [lina] = await t.db.query(`SELECT id, tenant_id FROM member WHERE platform_user_id = 'lina'`)
    // What a worker leaves when it is killed after claiming: `sending`, under a lease that has not ended yet.
    const [row] = await t.db.query(`INSERT INTO outbox (tenant_id, idempotency_key, channel, recipient_id, kind, payload, status,
        attempts, not_before, lease_until) VALUES ($1, 'lease-test', 'wecom', $2, 'reply', $3, 'sending', 1, now(), now() + interval '2 seconds')
      RETURNING id`, [lina.tenant_id, lina.id, JSON.stringify({ kind: 'text', text: '租约到期后补发 lease-test' })])
    await rt.queues.add('notify', { tenantId: lina.tenant_id, outboxId: row.id }, { jobId: `outbox-lease-test-${row.id}` })
    const delivered = () => fake.sent.filter((m) => JSON.stringify(m.body).includes('lease-test') && !m.duplicate)
    await expectEventually(() => expect(delivered()).toHaveLength(1), 20_000, 200)
    // Marked sent just after WeCom answered: poll for the mark rather than racing it.
    await expectEventually(async () => {
      const [after] = await t.db.query('SELECT status FROM outbox WHERE id = $1', [row.id])
      expect(after.status).toBe('sent')
    }, 10_000)
    expect(delivered()).toHaveLength(1)
  })

  it('asks whether an image is a quote and, on a tap, archives it for that customer and starts OCR', async () => {
    const [opp] = await t.db.query(`SELECT o.id FROM opportunity o JOIN member m ON m.id = o.owner_id WHERE m.platform_user_id = 'lina' LIMIT 1`)
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000020000000208060000', 'hex')
    fake.setMedia('MEDIA02', { data: png, contentType: 'image/png' })
    const before = sentTo('lina').length
    await deliver({ type: 'image', from: 'lina', mediaId: 'MEDIA02', msgId: '4561255354251345010' })
    await expectEventually(() => expect(sentTo('lina')).toHaveLength(before + 1), 15_000)
    const card = sentTo('lina').at(-1)!
    expect(card.msgtype).toBe('template_card')
    const key = (JSON.stringify(card.body).match(/quote_[0-9a-f-]{36}_[0-9a-f-]{36}/) ?? [''])[0]
    expect(key).toContain(opp.id)
    await deliver({ type: 'card_click', from: 'lina', eventKey: key, taskId: 'img_1', responseCode: 'RC9' }, 2)
    await expectEventually(async () => {
      const quotes = await t.db.query('SELECT opportunity_id FROM quote')
      expect(quotes).toEqual([{ opportunity_id: opp.id }])
    }, 15_000)
  })
})

