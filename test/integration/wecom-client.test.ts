import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { isAppError, isTransient } from '../../io/app-error.js'
import { createWecomClient, type WecomClientOptions } from '../../io/channels/wecom/client.js'
import { createSendLimiter } from '../../io/channels/wecom/rate-limit.js'
import { renderSentMessagesHtml, startFakeWecom, type FakeWecom } from '../fakes/wecom-server.js'

// WeCom API client against the fake WeCom server over HTTP and the real Redis.

const REDIS_URL = process.env.REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
const PREFIX = `test-wecom-${randomUUID()}:`
const CORP = 'wwtestcorp'
const SECRET = 'test-app-secret'
const QUOTE = new URL('../fixtures/quotes/q-dev-001.jpg', import.meta.url)
const quoteImage = (() => {
  try {
    return readFileSync(QUOTE)
  } catch {
    return Buffer.from('\xff\xd8\xff\xe0 a small stand-in jpeg body', 'latin1')
  }
})()
const OFFICIAL_TICKET = 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg'

let redis: Redis
let fake: FakeWecom
let options: WecomClientOptions
const client = (extra: Partial<WecomClientOptions> = {}) => createWecomClient({ ...options, ...extra })

async function clearPrefix(): Promise<void> {
  const keys = await redis.keys(`${PREFIX}*`)
  if (keys.length) await redis.del(...keys)
}

async function failure(p: Promise<unknown>): Promise<Record<string, unknown>> {
  const e: unknown = await p.then(() => null, (x: unknown) => x)
  if (e === null) throw new Error('expected a failure')
  return e as Record<string, unknown>
}

beforeAll(async () => {
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 })
  fake = await startFakeWecom({
    corpId: CORP, secret: SECRET, agentId: 1000002, tickets: { corp: OFFICIAL_TICKET },
    users: [
      { userid: 'zhangsan', name: '张三', department: [2, 3], main_department: 2, direct_leader: ['lisi'], is_leader_in_dept: [0, 1] },
      { userid: 'lisi', name: '李四', department: [1], direct_leader: [] },
      { userid: 'wangwu', name: '王五', department: [3] },
    ],
    departments: [{ id: 1, name: '公司', parentid: 0 }, { id: 2, name: '华东销售', parentid: 1, department_leader: ['lisi'] }, { id: 3, name: '上海组', parentid: 2 }],
    externalContacts: [{ external_contact: { external_userid: 'wmCUSTOMER1', name: '赵总', type: 1, corp_name: '示例医疗' }, follow_user: [{ userid: 'zhangsan', createtime: 1764230400, state: 'expo2026' }] }],
    media: { MEDIA_QUOTE: { data: quoteImage, contentType: 'image/jpeg', fileName: 'q-dev-001.jpg' } },
  })
  options = { corpId: CORP, secret: SECRET, agentId: '1000002', redis, keyPrefix: PREFIX, baseUrl: fake.url, timeoutMs: 5_000, trustedDomains: ['mp.weixin.qq.com', 'sidebar.example.com:8443'] }
})

beforeEach(async () => {
  fake.reset()
  await clearPrefix()
})

afterAll(async () => {
  await clearPrefix()
  redis.disconnect()
  await fake.close()
})

describe('access token', () => {
  it('is fetched once, cached in Redis and reused across sends and client instances', async () => {
    const a = client()
    const receipts = [await a.sendText(['zhangsan'], '今日拜访 1'), await a.sendText(['zhangsan'], '今日拜访 2'), await client().sendText(['lisi'], 'hi')]
    expect(fake.tokensIssued()).toBe(1)
    expect(fake.sent.map((m) => [m.touser, m.body.text])).toEqual([[['zhangsan'], { content: '今日拜访 1' }], [['zhangsan'], { content: '今日拜访 2' }], [['lisi'], { content: 'hi' }]])
    expect(receipts.map((r) => r.msgid)).toEqual(fake.sent.map((m) => m.msgid))
    const [tokenKey, ...others] = await redis.keys(`${PREFIX}wecom_token_*`)
    expect(others).toEqual([])
    const ttl = await redis.pttl(tokenKey!)
    expect(ttl).toBeGreaterThan(7200 * 800 - 60_000) // refreshed at 80 % of expires_in
    expect(ttl).toBeLessThanOrEqual(7200 * 800)
  })

  it('single-flight: 20 concurrent sends in one process fetch one token', async () => {
    const c = client()
    await Promise.all(Array.from({ length: 20 }, (_, i) => c.sendText(['zhangsan'], `提醒 ${i}`)))
    expect(fake.tokensIssued()).toBe(1)
    expect(fake.sent).toHaveLength(20)
  })

  it('single-flight across processes: two client instances racing share one gettoken via the Redis lock', async () => {
    const [a, b] = [client(), client()]
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).sendText(['wangwu'], `n${i}`)))
    expect(fake.tokensIssued()).toBe(1)
  })

  it.each([42001, 40014])('a token answered with %i mid-sending is refreshed and the message sent exactly once', async (code) => {
    const c = client()
    await c.sendText(['zhangsan'], 'before')
    if (code === 42001) fake.expireToken()
    else fake.injectError('message/send', 40014)
    await c.sendText(['zhangsan'], 'after expiry')
    expect(fake.tokensIssued()).toBe(2)
    expect(fake.sent.map((m) => m.body.text)).toEqual([{ content: 'before' }, { content: 'after expiry' }])
    expect(fake.calls.filter((x) => x.path === 'message/send').map((x) => x.errcode)).toEqual([0, code, 0])
  })

  it('wrong credentials are a permanent configuration error', async () => {
    const e = await failure(client({ secret: 'wrong' }).sendText(['zhangsan'], 'x'))
    expect(e).toMatchObject({ code: 'CHANNEL_CREDENTIALS_INVALID', transient: false, errcode: 40001 })
    expect(fake.sent).toHaveLength(0)
  })
})

describe('error taxonomy', () => {
  it.each([
    ['45009 frequency limit', 45009, 45009],
    ['-1 system busy', -1, -1],
    ['HTTP 502', 502, undefined],
    ['HTTP 503', 503, undefined],
  ])('%s → transient, nothing sent', async (_n, injected, errcode) => {
    fake.injectError('message/send', injected)
    const e = await failure(client().sendText(['zhangsan'], 'x'))
    expect(isTransient(e)).toBe(true)
    expect(e).toMatchObject({ code: 'CHANNEL_API_TRANSIENT', errcode, status: 503 })
    expect(fake.sent).toHaveLength(0)
  })

  it('a network failure is transient', async () => {
    const e = await failure(client({ baseUrl: 'http://127.0.0.1:9' }).sendText(['zhangsan'], 'x'))
    expect(e).toMatchObject({ code: 'CHANNEL_API_TRANSIENT', transient: true })
  })

  it('all recipients invalid (81013) is permanent and keeps errcode and errmsg, never the token', async () => {
    const e = await failure(client().sendText(['nobody'], 'x'))
    expect(e).toMatchObject({ code: 'CHANNEL_API_REJECTED', transient: false, errcode: 81013, params: { errcode: 81013, errmsg: 'user & party & tag all invalid', path: 'message/send' } })
    expect(isAppError(e) && !isTransient(e)).toBe(true)
    const token = await client().accessToken()
    expect(JSON.stringify(e) + String((e as unknown as Error).message)).not.toContain(token)
  })
})

describe('sending', () => {
  it('markdown and a template card with buttons arrive as WeCom expects; the card returns a response code', async () => {
    const c = client()
    await c.sendMarkdown(['zhangsan'], '**报价跟进** 已超时 2 天')
    const receipt = await c.sendCard(['zhangsan', 'lisi'], {
      title: '报价跟进已超时', description: '示例医疗 · 报价跟进', taskId: 'node_run_42_l1',
      fields: [{ label: '客户', value: '示例医疗' }, { label: '超时', value: '2 天' }],
      buttons: [{ key: 'done', text: '已跟进' }, { key: 'snooze_1d', text: '延期1天', style: 'secondary' }],
    })
    expect(receipt.responseCode).toBeTruthy()
    const card = fake.sent[1]!
    expect(card.touser).toEqual(['zhangsan', 'lisi'])
    expect(card.body).toMatchObject({ msgtype: 'template_card', agentid: 1000002, template_card: {
      card_type: 'button_interaction', task_id: 'node_run_42_l1', main_title: { title: '报价跟进已超时' },
      button_list: [{ key: 'done', text: '已跟进', style: 1 }, { key: 'snooze_1d', text: '延期1天', style: 2 }],
    } })
    await c.updateCardButtons(['zhangsan'], receipt.responseCode!, '已处理')
    expect(fake.cardUpdates[0]?.body).toMatchObject({ response_code: receipt.responseCode, button: { replace_name: '已处理' } })
    const html = renderSentMessagesHtml(fake.sent)
    expect(html).toContain('报价跟进已超时')
    expect(html).toContain('已跟进')
    const page = await fetch(`${fake.url}/`)
    expect(page.headers.get('content-type')).toContain('text/html')
    expect(await page.text()).toContain('报价跟进已超时')
  })

  it('reports partly invalid recipients and lets enable_duplicate_check collapse a repeat', async () => {
    const c = client()
    const r = await c.sendText(['zhangsan', 'Ghost'], '<b>同一条</b>', { duplicateCheckSeconds: 600 })
    expect(r.invalidUsers).toEqual(['ghost'])
    await c.sendText(['zhangsan', 'Ghost'], '<b>同一条</b>', { duplicateCheckSeconds: 600 })
    expect(fake.sent.map((m) => m.duplicate)).toEqual([false, true])
    expect(fake.sent[0]?.body).toMatchObject({ enable_duplicate_check: 1, duplicate_check_interval: 600 })
    expect(renderSentMessagesHtml(fake.sent)).toContain('&lt;b&gt;同一条&lt;/b&gt;')
  })
})

describe('per-member send limiter (30/min, 1000/h)', () => {
  const limiter = () => createSendLimiter({ redis, prefix: PREFIX })

  it('delays the 31st message to one member within a minute, and only that member', async () => {
    const l = limiter()
    const t0 = 1_800_000_000_000
    const first30 = await Promise.all(Array.from({ length: 30 }, (_, i) => l.reserve(['zhangsan'], t0 + i * 100)))
    expect(first30.every((d) => d === 0)).toBe(true)
    expect(await l.reserve(['zhangsan'], t0 + 5_000)).toBe(60_000 - 5_000)
    expect(await l.reserve(['lisi'], t0 + 5_000)).toBe(0)
    expect(await l.reserve(['zhangsan'], t0 + 60_000)).toBe(0) // the first slot has slid out of the window
    expect(await l.reserve(['zhangsan'], t0 + 60_001)).toBe(99) // the second one frees at t0+60100
  })

  it('grants exactly 30 of 45 racing reservations (check and record are atomic)', async () => {
    const l = limiter()
    const t0 = 1_800_000_000_000
    const waits = await Promise.all(Array.from({ length: 45 }, () => l.reserve(['racer'], t0)))
    expect(waits.filter((w) => w === 0)).toHaveLength(30)
    expect(waits.filter((w) => w === 60_000)).toHaveLength(15)
  })

  it('is all or nothing for several recipients and answers the longest wait', async () => {
    const l = limiter()
    const t0 = 1_800_000_000_000
    for (let i = 0; i < 30; i++) await l.reserve(['wangwu'], t0 + i)
    expect(await l.reserve(['lisi', 'wangwu'], t0 + 10)).toBe(60_000 - 10)
    expect(await l.reserve(['lisi'], t0 + 10)).toBe(0) // lisi's slot was not taken by the refused attempt above
  })

  it('delays the 1001st message within an hour even when every minute stays under 30', async () => {
    const l = limiter()
    const t0 = 1_800_000_000_000
    for (let i = 0; i < 1000; i++) expect(await l.reserve(['zhangsan'], t0 + i * 3_500)).toBe(0)
    const now = t0 + 1000 * 3_500
    expect(await l.reserve(['zhangsan'], now)).toBe(t0 + 3_600_000 - now)
  })
})

describe('reading', () => {
  it('media/get returns the bytes and content type; an unknown media id is permanent', async () => {
    const media = await client().getMedia('MEDIA_QUOTE')
    expect(media.contentType).toBe('image/jpeg')
    expect(media.data.equals(quoteImage)).toBe(true)
    expect(await failure(client().getMedia('expired'))).toMatchObject({ code: 'CHANNEL_API_REJECTED', errcode: 40007 })
  })

  it('reads an image uploaded to the fake (media/upload multipart) back through media/get', async () => {
    const c = client()
    const form = new FormData()
    form.append('media', new Blob([quoteImage], { type: 'image/jpeg' }), 'quote.jpg')
    const res = await fetch(`${fake.url}/cgi-bin/media/upload?access_token=${await c.accessToken()}&type=image`, { method: 'POST', body: form })
    const json = (await res.json()) as { errcode: number; media_id: string; type: string }
    expect(json).toMatchObject({ errcode: 0, type: 'image' })
    expect((await c.getMedia(json.media_id)).data.equals(quoteImage)).toBe(true)
  })

  it('user/get gives departments and direct leaders; the member view marks led departments', async () => {
    const c = client()
    expect(await c.getUser('zhangsan')).toMatchObject({ userid: 'zhangsan', department: [2, 3], direct_leader: ['lisi'] })
    expect(await c.getMember('zhangsan')).toEqual({ userId: 'zhangsan', name: '张三', departments: ['2', '3'], mainDepartment: '2', directLeaders: ['lisi'], leaderInDepartments: ['3'] })
    expect(await failure(c.getUser('ghost'))).toMatchObject({ errcode: 60111, transient: false })
  })

  it('lists departments and their members (with department leaders)', async () => {
    const c = client()
    expect((await c.listDepartments(2)).map((d) => [d.id, d.department_leader ?? []])).toEqual([[2, ['lisi']], [3, []]])
    expect((await c.listDepartmentUsers(3)).map((u) => u.userid)).toEqual(['zhangsan', 'wangwu'])
  })

  it('externalcontact/get returns the customer and who follows them', async () => {
    const r = await client().getExternalContact('wmCUSTOMER1')
    expect(r.external_contact.name).toBe('赵总')
    expect(r.follow_user).toEqual([expect.objectContaining({ userid: 'zhangsan', state: 'expo2026' })])
  })
})

describe('JS-SDK signatures', () => {
  it('signs with the corp ticket and matches the official WC/90506 vector (fragment stripped)', async () => {
    const r = await client().signJsapi('http://mp.weixin.qq.com?params=value#/customer/7', 'corp', { timestamp: 1414587457, nonceStr: 'Wm3WZYTPz0wzccnW' })
    expect(r).toEqual({ ok: true, value: { timestamp: 1414587457, nonceStr: 'Wm3WZYTPz0wzccnW', signature: '0f9de62fce790f9a083d5c99e95740ceb90c27ed' } })
  })

  it('caches both tickets: many signatures, one fetch each', async () => {
    const c = client()
    for (let i = 0; i < 5; i++) {
      expect((await c.signJsapi(`https://sidebar.example.com:8443/s/${i}`, 'corp')).ok).toBe(true)
      expect((await c.signJsapi(`https://sidebar.example.com:8443/s/${i}`, 'agent')).ok).toBe(true)
    }
    expect(fake.calls.filter((x) => x.path === 'get_jsapi_ticket')).toHaveLength(1)
    expect(fake.calls.filter((x) => x.path === 'ticket/get')).toHaveLength(1)
  })

  it.each([
    'https://evil.example.com/page',
    'https://sidebar.example.com/wrong-port',
    'https://mp.weixin.qq.com.evil.com/',
    'https://user@mp.weixin.qq.com/',
    'javascript:alert(1)',
    'not a url',
  ])('refuses %s without fetching a ticket', async (url) => {
    const r = await client().signJsapi(url, 'agent')
    expect(!r.ok && r.error.code).toBe('JSAPI_URL_NOT_ALLOWED')
    expect(fake.calls.filter((x) => x.path.includes('ticket'))).toHaveLength(0)
  })
})
