/**
 * npm run bench:webhook — signed, encrypted WeCom text callbacks through the full path (raw body → verify →
 * decrypt → parse → inbox insert in PostgreSQL → enqueue in Redis → 200), against a bare Koa handler in the
 * same server process (a child process), driven from this process over loopback with keep-alive.
 * The two are measured in alternating slices, so a change in the machine's load falls on both alike.
 * Prints: closed-loop throughput of each and the ratio (target ≥ 0.30), the CPU each process spent per request,
 * then p50/p99 of the full path at an open-loop 1,000 requests/s (target p99 < 25 ms).
 * Needs PostgreSQL and Redis (BENCH_ADMIN_DATABASE_URL / REDIS_URL; defaults fit .ci/run's machine).
 */
import { availableParallelism, loadavg } from 'node:os'
import pg from 'pg'
import { addCpu, cpuPerRequest, cpuSample, type CpuSnapshot } from './webhook/cpu.js'
import { loadGenerator, percentile } from './webhook/load.js'
import { signedCallbacks, startBenchServer } from './webhook/server-process.js'

const CONCURRENCY = 64
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 8) * 1000
const SLICES = 4 // per side, alternating

// BENCH_CPU_PROF=DIR writes a V8 CPU profile of the server process there (open it in Chrome DevTools).
const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []
const server = await startBenchServer({ nodeFlags: profile, stopSignal: profile.length ? 'SIGTERM' : 'SIGKILL' }) // SIGTERM lets the profile be written
const { child, ports, dbName, dbUrl } = server

// Pre-sign outside the timed loops so the client's crypto does not count against the server.
const load = loadGenerator(signedCallbacks(40_000), CONCURRENCY)
const targets: Record<'bare' | 'full', [number, string]> = { bare: [ports.bare, '/'], full: [ports.full, '/wecom/callback'] }
const zero = (): CpuSnapshot => ({ server: 0, client: 0, postgres: 0, redis: 0 })

async function slice(side: keyof typeof targets, ms: number, totals: { n: number; cpu: CpuSnapshot }) {
  const before = cpuSample(child.pid!, dbName)
  totals.n += await load.closedLoop(...targets[side], ms)
  addCpu(totals.cpu, before, cpuSample(child.pid!, dbName))
}

try {
  await load.closedLoop(...targets.bare, 2000) // warm-up of both paths
  await load.closedLoop(...targets.full, 2000)
  const bare = { n: 0, cpu: zero() }
  const full = { n: 0, cpu: zero() }
  const sliceMs = DURATION_MS / SLICES
  for (let i = 0; i < SLICES; i++) {
    const order = i % 2 === 0 ? (['bare', 'full'] as const) : (['full', 'bare'] as const)
    for (const side of order) await slice(side, sliceMs, side === 'bare' ? bare : full)
  }
  const lat = await load.openLoop(...targets.full, 1000, 5)
  const check = new pg.Client({ connectionString: dbUrl })
  await check.connect()
  const { rows } = await check.query('SELECT count(*)::int AS n FROM inbox')
  await check.end()
  const rate = (n: number) => n / (DURATION_MS / 1000)
  console.log(`bare Koa:        ${rate(bare.n).toFixed(0)} req/s  (CPU µs/request: ${cpuPerRequest(bare.cpu, bare.n)})`)
  console.log(`full callback:   ${rate(full.n).toFixed(0)} req/s  (CPU µs/request: ${cpuPerRequest(full.cpu, full.n)})`)
  console.log(`ratio:           ${(full.n / bare.n).toFixed(2)} of bare Koa (target ≥ 0.30)`)
  console.log(`at 1,000 req/s:  p50 ${percentile(lat, 50).toFixed(1)} ms, p99 ${percentile(lat, 99).toFixed(1)} ms (target p99 < 25 ms)`)
  console.log(`inbox rows:      ${rows[0].n} (one per distinct callback)`)
  console.log(`machine load:    ${loadavg().map((x) => x.toFixed(2)).join(' ')} (1/5/15 min) on ${availableParallelism()} cores`)
} finally {
  load.close()
  await server.stop()
}
