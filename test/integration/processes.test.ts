import { spawn } from 'node:child_process'
import Router from '@koa/router'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../bot/app.js'
import type { AppState } from '../../bot/app-state.js'
import { startBot } from '../../bot/server.js'
import { pingDb } from '../../io/db/data-source.js'
import { QueueKit } from '../../io/queue/queue-kit.js'
import { TEST_REDIS_URL } from '../setup/env.js'
import { expectEventually } from '../setup/expect-eventually.js'
import { testRuntime, testSettings } from '../setup/runtime.js'
import { createTestDb, setDatabaseConnectable, type TestDb } from '../setup/test-db.js'

let t: TestDb
beforeAll(async () => {
  t = await createTestDb()
})
afterAll(async () => t.drop())

describe('/readyz', () => {
  it('answers ready when the database and queue answer, and names the database when it is down', async () => {
    const rt = testRuntime(t)
    const app = createApp({ log: rt.log, probes: { database: () => pingDb(rt.db), queue: () => rt.queues.ping() } })
    await request(app.callback()).get('/readyz').expect(200, { status: 'ready', checks: { database: 'ok', queue: 'ok' } })

    await setDatabaseConnectable(t.name, false)
    try {
      const res = await request(app.callback()).get('/readyz').expect(503)
      expect(res.body.checks).toEqual({ database: 'down', queue: 'ok' })
      expect(res.body.error.code).toBe('NOT_READY')
      expect(res.body.error.message.zh).toContain('database')
      await request(app.callback()).get('/healthz').expect(200, { status: 'ok' })
    } finally {
      await setDatabaseConnectable(t.name, true)
    }
    await expectEventually(() => request(app.callback()).get('/readyz').expect(200), 10_000)
    await rt.queues.close()
  })

  it('reports the queue down when Redis does not answer', async () => {
    const rt = testRuntime(t)
    const deadRedis = new QueueKit({ kind: 'redis', url: 'redis://127.0.0.1:1', prefix: 'nowhere' })
    const app = createApp({ log: rt.log, probes: { database: () => pingDb(rt.db), queue: () => deadRedis.ping(500) } })
    const res = await request(app.callback()).get('/readyz').expect(503)
    expect(res.body.checks).toEqual({ database: 'ok', queue: 'down' })
    await deadRedis.close()
  })
})

describe('shutdown', () => {
  it('drains an in-flight request before the server closes', async () => {
    const rt = testRuntime(t)
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const slow = new Router<AppState>().get('/slow', async (ctx) => {
      await gate
      ctx.body = { done: true }
    })
    const bot = await startBot(rt, [slow])
    const inFlight = request(bot.url).get('/slow')
    const pending = inFlight.then((r) => r)
    await expectEventually(async () => expect(await new Promise<number>((r) => bot.server.getConnections((_e, n) => r(n)))).toBeGreaterThan(0))
    let closed = false
    const closing = bot.close().then(() => (closed = true))
    expect(closed).toBe(false)
    release()
    const res = await pending
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ done: true })
    await closing
    expect(closed).toBe(true)
    await rt.queues.close()
  })

  it('npm start exits 0 on SIGTERM after serving', async () => {
    const s = testSettings(t.url)
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      env: { ...process.env, DATABASE_URL: t.url, REDIS_URL: TEST_REDIS_URL, SESSION_SECRET: s.SESSION_SECRET,
        QUEUE_PREFIX: s.QUEUE_PREFIX, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    const url = await expectEventually(() => {
      const m = /"url":"(http:\/\/[^"]+)"/.exec(out)
      if (!m) throw new Error(`not listening yet:\n${out}`)
      return m[1]!
    }, 30_000)
    await expectEventually(() => request(url).get('/readyz').expect(200), 15_000)
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(out).toMatch(/"part":"worker","msg":"closed"/)
  })

  it('refuses to start with a bad configuration, naming every variable', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
      env: { PATH: process.env.PATH, PORT: 'eighty', REDIS_URL: 'http://nope' }, stdio: ['ignore', 'pipe', 'pipe'],
    })
    let err = ''
    child.stderr.on('data', (d) => (err += d))
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)))
    expect(code).toBe(78)
    for (const v of ['DATABASE_URL', 'SESSION_SECRET', 'PORT', 'REDIS_URL']) expect(err).toContain(v)
  })
})
