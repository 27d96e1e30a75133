/**
 * npm run bench:webhook — signed, encrypted WeCom text callbacks through the full path (raw body → verify →
 * decrypt → parse → inbox insert in PostgreSQL → enqueue in Redis → 200), against a bare Koa handler in the
 * same server process, driven from this process over loopback with keep-alive.
 * Prints: closed-loop throughput of each and the ratio (target ≥ 0.30), then p50/p99 of the full path at an
 * open-loop 1,000 requests/s (target p99 < 25 ms).
 * Needs PostgreSQL and Redis (BENCH_DATABASE_URL / REDIS_URL; defaults fit .ci/run's machine).
 */
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { Agent, request } from 'node:http'
import pg from 'pg'
import { buildSignedCallback, renderInboundXml } from '../io/channels/wecom/callback-builder.js'

const ADMIN = process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://salespath:salespath@127.0.0.1:5432/postgres'
const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const CONCURRENCY = 64
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 8) * 1000
const cfg = { token: 'bench-token', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', corpId: 'wwbenchcorp' }

const dbName = `sp_bench_${randomUUID().slice(0, 8)}`
const admin = new pg.Client({ connectionString: ADMIN })
await admin.connect()
await admin.query(`CREATE DATABASE ${dbName}`)
const dbUrl = Object.assign(new URL(ADMIN), { pathname: `/${dbName}` }).toString()

const child = spawn(process.execPath, ['--import', 'tsx', 'bench/webhook/server.ts'], {
  env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: dbUrl, REDIS_URL: REDIS, SESSION_SECRET: 'b'.repeat(40),
    QUEUE_PREFIX: `bench-${randomUUID()}`, WECOM_ENABLED: 'true', WECOM_CORP_ID: cfg.corpId, WECOM_AGENT_ID: '1000002',
    WECOM_SECRET: 'x', WECOM_TOKEN: cfg.token, WECOM_AES_KEY: cfg.encodingAesKey },
  stdio: ['ignore', 'pipe', 'inherit'],
})
const ports = await new Promise<{ bare: number; full: number }>((resolve) => child.stdout.once('data', (d) => resolve(JSON.parse(String(d)))))

let msgId = 4_000_000_000_000_000_000n
function nextCallback() {
  msgId += 1n
  const xml = renderInboundXml({ type: 'text', from: 'lina', content: '今日', msgId: String(msgId) }, { corpId: cfg.corpId, createTime: 1795766400 })
  return buildSignedCallback(cfg, xml, { agentId: '1000002' })
}
// Pre-sign outside the timed loops so the client's crypto does not count against the server.
const pool = Array.from({ length: 40_000 }, nextCallback)
let next = 0
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })

function post(port: number, path: string): Promise<number> {
  const cb = pool[next++ % pool.length]!
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: `${path}?${cb.search}`, method: 'POST', agent,
      headers: { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(cb.body) } }, (res) => {
      res.resume()
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`HTTP ${res.statusCode}`))))
    })
    req.on('error', reject)
    req.end(cb.body)
  })
}

async function closedLoop(port: number, path: string): Promise<number> {
  const until = performance.now() + DURATION_MS
  let done = 0
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() < until) {
      await post(port, path)
      done++
    }
  }))
  return done / (DURATION_MS / 1000)
}

async function openLoop(port: number, path: string, rate: number, seconds: number): Promise<number[]> {
  const latencies: number[] = []
  const inflight: Promise<void>[] = []
  const start = performance.now()
  for (let i = 0; i < rate * seconds; i++) {
    const due = start + (i * 1000) / rate
    const wait = due - performance.now()
    if (wait > 1) await new Promise((r) => setTimeout(r, wait))
    inflight.push(post(port, path).then((ms) => void latencies.push(ms)))
  }
  await Promise.all(inflight)
  return latencies.sort((a, b) => a - b)
}
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!

try {
  await closedLoop(ports.bare, '/') // warm-up of both paths
  await closedLoop(ports.full, '/wecom/callback')
  const bare = await closedLoop(ports.bare, '/')
  const full = await closedLoop(ports.full, '/wecom/callback')
  const lat = await openLoop(ports.full, '/wecom/callback', 1000, 5)
  const check = new pg.Client({ connectionString: dbUrl })
  await check.connect()
  const { rows } = await check.query('SELECT count(*)::int AS n FROM inbox')
  await check.end()
  console.log(`bare Koa:        ${bare.toFixed(0)} req/s`)
  console.log(`full callback:   ${full.toFixed(0)} req/s  (verify + decrypt + inbox insert + enqueue)`)
  console.log(`ratio:           ${(full / bare).toFixed(2)} of bare Koa (target ≥ 0.30)`)
  console.log(`at 1,000 req/s:  p50 ${pct(lat, 50).toFixed(1)} ms, p99 ${pct(lat, 99).toFixed(1)} ms (target p99 < 25 ms)`)
  console.log(`inbox rows:      ${rows[0].n} (one per distinct callback)`)
} finally {
  child.kill('SIGKILL')
  agent.destroy()
  await new Promise((r) => setTimeout(r, 300))
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
  await admin.end()
}
