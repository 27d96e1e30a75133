import { createServer, request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../bot/app.js'
import { botRouters } from '../../bot/server.js'
import { buildSignedCallback, buildVerifyUrlQuery, renderInboundXml } from '../../io/channels/wecom/callback-builder.js'
import { computeSignature } from '../../io/channels/crypto.js'
import { pingDb } from '../../io/db/data-source.js'
import { inboxJobId } from '../../io/queue/enqueue-inbox.js'
import { QueueKit } from '../../io/queue/queue-kit.js'
import type { Runtime } from '../../io/runtime.js'
import { startWorker } from '../../worker/run.js'
import { startFakeWecom, type FakeWecom } from '../fakes/wecom-server.js'
import { expectEventually } from '../setup/expect-eventually.js'
import { testRuntime } from '../setup/runtime.js'
import { createTestDb, setDatabaseConnectable, type TestDb } from '../setup/test-db.js'

const WECOM = { WECOM_ENABLED: 'true', WECOM_CORP_ID: 'wwtestcorp', WECOM_AGENT_ID: '1000002', WECOM_SECRET: 's3cret',
  WECOM_TOKEN: 'QDG6eK', WECOM_AES_KEY: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' }
const cfg = { token: WECOM.WECOM_TOKEN, encodingAesKey: WECOM.WECOM_AES_KEY, corpId: WECOM.WECOM_CORP_ID }

let t: TestDb
let rt: Runtime
let fake: FakeWecom
let server: ReturnType<ReturnType<typeof createApp>['callback']>

async function appOn(runtime: Runtime) {
  const routers = await botRouters(runtime)
  return createApp({ log: runtime.log, probes: { database: () => pingDb(runtime.db) }, routers }).callback()
}
const textCallback = (content: string, msgId: string) => buildSignedCallback(cfg,
  renderInboundXml({ type: 'text', from: 'lina', content, msgId }, { corpId: cfg.corpId, agentId: '1000002', createTime: 1795766400 }))
const inboxCount = async () => (await t.db.query('SELECT count(*)::int AS n FROM inbox'))[0].n as number

beforeAll(async () => {
  // Handling a text message looks its sender up in the directory: the fake WeCom server answers.
  fake = await startFakeWecom({ corpId: WECOM.WECOM_CORP_ID, secret: WECOM.WECOM_SECRET, agentId: WECOM.WECOM_AGENT_ID,
    users: [{ userid: 'lina', name: '李娜', department: [2] }] })
  t = await createTestDb()
  rt = testRuntime(t, { ...WECOM, WECOM_API_BASE: fake.url })
  server = await appOn(rt)
})
afterAll(async () => {
  await rt.queues.close()
  await fake.close()
  await t.drop()
})

describe('WeCom callback', () => {
  it('answers URL verification with the bare decrypted echostr', async () => {
    const res = await request(server).get('/wecom/callback').query(buildVerifyUrlQuery(cfg, '1616140317555161061')).expect(200)
    expect(res.text).toBe('1616140317555161061')
    expect(res.headers['content-type']).toMatch(/^text\/plain/)
  })

  it('stores a message once and enqueues it once, however often WeCom retries', async () => {
    const cb = textCallback('帮助', '4561255354251345929')
    for (let i = 0; i < 3; i++) {
      const res = await request(server).post('/wecom/callback').query(cb.query).type('text/xml').send(cb.body).expect(200)
      expect(res.text).toBe('')
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8')
    }
    const rows = await t.db.query(`SELECT id, dedupe_key, event_type, payload->>'text' AS text FROM inbox`)
    expect(rows).toEqual([expect.objectContaining({ dedupe_key: 'msg_4561255354251345929', event_type: 'text', text: '帮助' })])
    // The job is added just after the 200 (the committed row is what the answer promises).
    const job = await expectEventually(async () => {
      const j = await rt.queues.queue('events').getJob(inboxJobId(String(rows[0].id), 0))
      expect(j).toBeDefined()
      return j
    })
    expect(job?.data).toEqual({ tenantId: expect.any(String), inboxId: String(rows[0].id) })
    expect(await rt.queues.queue('events').count()).toBe(1)
  })

  it('stores one row and one job when retries of a message arrive together with it', async () => {
    const cb = textCallback('今日', '4561255354251345930')
    const post = () => request(server).post('/wecom/callback').query(cb.query).type('text/xml').send(cb.body)
    const responses = await Promise.all([post(), post(), post(), post()])
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200])
    const rows = await t.db.query(`SELECT id FROM inbox WHERE dedupe_key = 'msg_4561255354251345930'`)
    expect(rows).toHaveLength(1)
    await expectEventually(async () => {
      const jobs = await rt.queues.queue('events').getJobs(['waiting', 'active', 'completed', 'failed', 'delayed'])
      expect(jobs.filter((j) => j.data.inboxId === String(rows[0].id))).toHaveLength(1)
    })
    expect(await rt.queues.queue('events').count()).toBe(2) // this message's job beside the first test's, no more
  })

  it('answers 500 while PostgreSQL is unreachable, storing nothing, and stores the platform retry once it is back', async () => {
    const cb = textCallback('今日', '4561255354251345931')
    const post = () => request(server).post('/wecom/callback').query(cb.query).type('text/xml').send(cb.body)
    await setDatabaseConnectable(t.name, false)
    try {
      const res = await post().expect(500)
      expect(res.body.error.code).toBe('INTERNAL')
    } finally {
      await setDatabaseConnectable(t.name, true)
    }
    expect(await t.db.query(`SELECT id FROM inbox WHERE dedupe_key = 'msg_4561255354251345931'`)).toEqual([])
    await post().expect(200)
    expect(await t.db.query(`SELECT id FROM inbox WHERE dedupe_key = 'msg_4561255354251345931'`)).toHaveLength(1)
  })

  it('refuses a forged signature with 401 and stores nothing', async () => {
    const before = await inboxCount()
    const cb = textCallback('转账', '4561255354251340001')
    const res = await request(server).post('/wecom/callback')
      .query({ ...cb.query, msg_signature: '0'.repeat(40) }).type('text/xml').send(cb.body).expect(401)
    expect(res.body.error.code).toBe('CALLBACK_BAD_SIGNATURE')
    expect(res.body.error.message.zh).toBe('回调签名校验失败')
    expect(await inboxCount()).toBe(before)
  })

  it.each([
    ['not XML at all', 'hello', 'CALLBACK_MALFORMED'],
    ['an envelope without Encrypt', '<xml><ToUserName>x</ToUserName></xml>', 'CALLBACK_MALFORMED'],
    ['a correctly signed ciphertext that does not decrypt', 'tampered', 'CALLBACK_DECRYPT_FAILED'],
  ])('refuses %s with 400 and a code, storing nothing', async (_what, body, code) => {
    const before = await inboxCount()
    const cb = textCallback('x', '4561255354251340002')
    let query: Record<string, string> = cb.query
    if (body === 'tampered') {
      const encrypt = Buffer.alloc(64, 7).toString('base64')
      body = `<xml><ToUserName>${cfg.corpId}</ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`
      query = { ...cb.query, msg_signature: computeSignature(cfg.token, cb.query.timestamp, cb.query.nonce, encrypt) }
    }
    const res = await request(server).post('/wecom/callback').query(query).type('text/xml').send(body).expect(400)
    expect(res.body.error.code).toBe(code)
    expect(await inboxCount()).toBe(before)
  })

  it('reads a percent-encoded query as sent and refuses a repeated signature instead of picking one', async () => {
    const cb = textCallback('报价', '4561255354251340003')
    const encoded = Object.entries(cb.query).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')
    await request(server).post(`/wecom/callback?${encoded}`).type('text/xml').send(cb.body).expect(200)
    const before = await inboxCount()
    const again = textCallback('报价', '4561255354251340004')
    const res = await request(server).post(`/wecom/callback?msg_signature=${again.query.msg_signature}&${new URLSearchParams(again.query)}`)
      .type('text/xml').send(again.body).expect(401)
    expect(res.body.error.code).toBe('CALLBACK_BAD_SIGNATURE')
    expect(await inboxCount()).toBe(before)
  })

  it('refuses a body over the size cap with 413', async () => {
    const res = await request(server).post('/wecom/callback').query(textCallback('x', '1').query)
      .type('text/xml').send(`<xml>${'a'.repeat(rt.settings.CALLBACK_BODY_LIMIT + 10)}</xml>`).expect(413)
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE')
  })

  it('refuses a chunked body (no Content-Length) that grows over the cap with 413, storing nothing', async () => {
    const before = await inboxCount()
    const http = createServer(server)
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = http.address() as AddressInfo
      const search = new URLSearchParams(textCallback('x', '4561255354251340011').query).toString()
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: `/wecom/callback?${search}`, headers: { 'content-type': 'text/xml' } }, (res) => {
          let body = ''
          res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => resolve({ status: res.statusCode!, body }))
        })
        req.on('error', reject)
        const chunk = 'a'.repeat(16 * 1024)
        for (let sent = 0; sent <= rt.settings.CALLBACK_BODY_LIMIT; sent += chunk.length) req.write(chunk)
        req.end()
      })
      expect(answer.status).toBe(413)
      expect(JSON.parse(answer.body).error.code).toBe('PAYLOAD_TOO_LARGE')
      expect(await inboxCount()).toBe(before)
    } finally {
      http.closeAllConnections()
      await new Promise((resolve) => http.close(resolve))
    }
  })

  it('tags every answer with a request id (a safe one from the proxy is kept) that error bodies repeat', async () => {
    const cb = textCallback('x', '4561255354251340012')
    const kept = await request(server).post('/wecom/callback').set('X-Request-Id', 'edge-42.a').query({ ...cb.query, msg_signature: '0'.repeat(40) })
      .type('text/xml').send(cb.body).expect(401)
    expect(kept.headers['x-request-id']).toBe('edge-42.a')
    expect(kept.body.error.requestId).toBe('edge-42.a')
    const fresh = await request(server).post('/wecom/callback').set('X-Request-Id', 'bad id; drop table').query({ ...cb.query, msg_signature: '0'.repeat(40) })
      .type('text/xml').send(cb.body).expect(401)
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
    expect(fresh.body.error.requestId).toBe(fresh.headers['x-request-id'])
  })

  it('answers 404 for a tenant it does not know', async () => {
    const cb = textCallback('x', '4561255354251340003')
    const res = await request(server).post('/wecom/nobody/callback').query(cb.query).type('text/xml').send(cb.body).expect(404)
    expect(res.body.error.code).toBe('TENANT_UNKNOWN')
  })

  it('handles each message of a burst exactly once, with one per-row job each after the fan-out', async () => {
    const burst = Array.from({ length: 6 }, (_, i) => textCallback('帮助', `45612553542513401${20 + i}`))
    const responses = await Promise.all(burst.map((cb) => request(server).post('/wecom/callback').query(cb.query).type('text/xml').send(cb.body)))
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200])
    const ids = (await t.db.query(`SELECT id FROM inbox WHERE dedupe_key LIKE 'msg_456125535425134012%' ORDER BY id`)).map((r: { id: string }) => String(r.id))
    expect(ids).toHaveLength(6)
    const waiting = () => rt.queues.queue('events').getJobs(['waiting', 'active', 'completed', 'delayed'])
    const sentBefore = fake.sent.filter((m) => !m.duplicate).length
    const pending = Number((await t.db.query(`SELECT count(*)::int AS n FROM inbox WHERE processed_at IS NULL AND event_type = 'text'`))[0].n)
    const worker = await startWorker({ ...rt, queues: new QueueKit(rt.queues.options) }, { digest: false })
    try {
      await expectEventually(async () => {
        const rows = await t.db.query('SELECT attempts, processed_at FROM inbox WHERE id = ANY($1::bigint[])', [ids])
        expect(rows.map((r: { attempts: number; processed_at: Date | null }) => [r.attempts, r.processed_at !== null])).toEqual(ids.map(() => [1, true]))
        // Every text message waiting (these six and earlier tests' ones) gets exactly one answer.
        expect(fake.sent.filter((m) => !m.duplicate).length - sentBefore).toBe(pending)
      }, 20_000)
      const perRow = (await waiting()).filter((j) => 'inboxId' in j.data && ids.includes(j.data.inboxId))
      expect(perRow.map((j) => j.data.inboxId).sort()).toEqual([...ids].sort())
    } finally {
      await worker.close()
    }
  })

  it('keeps the event when Redis is unreachable, and the sweep enqueues it once Redis is back', async () => {
    const deadQueues = new QueueKit({ kind: 'redis', url: 'redis://127.0.0.1:1', prefix: rt.settings.QUEUE_PREFIX })
    const offline = await appOn({ ...rt, queues: deadQueues })
    const cb = textCallback('今日', '4561255354251340004')
    await request(offline).post('/wecom/callback').query(cb.query).type('text/xml').send(cb.body).expect(200)
    await deadQueues.close()
    const [row] = await t.db.query(`SELECT id, processed_at FROM inbox WHERE dedupe_key = 'msg_4561255354251340004'`)
    expect(row.processed_at).toBeNull()
    // Age the row past the sweep's grace period, then run a worker (with its sweep) on the live Redis.
    await t.db.query(`UPDATE inbox SET received_at = now() - interval '1 minute', updated_at = now() - interval '1 minute' WHERE id = $1`, [row.id])
    const worker = await startWorker({ ...rt, settings: { ...rt.settings, SWEEP_EVERY_MS: 1000 } })
    try {
      await expectEventually(async () => {
        const [r] = await t.db.query('SELECT processed_at, attempts FROM inbox WHERE id = $1', [row.id])
        expect(r.processed_at).not.toBeNull()
        expect(r.attempts).toBe(1)
      }, 20_000)
    } finally {
      await worker.close()
    }
  })
})
