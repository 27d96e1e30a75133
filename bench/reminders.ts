/**
 * npm run bench:reminders
 *
 * 10,000 overdue reminders falling due in the same minute (2,000 reps, five opportunities each, so no
 * rep passes WeCom's 30-a-minute limit), fired by the sweep, escalated in batches under each opportunity's
 * lock, written to the outbox and delivered to the fake WeCom server over HTTP by one worker process.
 * Passes when all arrive within 60 s and none twice. Baseline in the same run: the same number of cards
 * sent straight through the WeCom client to the same fake (no database, no queue), with as many in
 * flight as the worker's notify queue runs at once — the ceiling. BENCH_TRACE=1 prints progress.
 */
import { Redis } from 'ioredis'
import { createWecomClient } from '../io/channels/wecom/client.js'
import { createMemoryTokenCache } from '../io/channels/wecom/memory-stores.js'
import { createDataSource } from '../io/db/data-source.js'
import { QueueKit } from '../io/queue/queue-kit.js'
import { startWorker } from '../worker/run.js'
import { sweepReminders } from '../worker/jobs/sweep-reminders.js'
import { NOTIFY_CONCURRENCY } from '../worker/jobs/outbox-batches.js'
import { startFakeWecom } from '../test/fakes/wecom-server.js'
import { TEST_REDIS_URL } from '../test/setup/env.js'
import { testSettings } from '../test/setup/runtime.js'
import { createTestDb } from '../test/setup/test-db.js'
import { createLogger } from '../io/log.js'
import { TEST_PROCESS_YAML, WECOM_ENV, quickConfig } from '../test/integration/fixtures/sales-world.js'
import { syncEnvTenant } from '../io/tenants.js'

const TOTAL = Number(process.env.BENCH_REMINDERS ?? 10_000)
const PER_REP = 5
const REPS = Math.ceil(TOTAL / PER_REP)
const users = Array.from({ length: REPS }, (_, i) => ({ userid: `rep${i}`, name: `销售${i}`, department: [2] }))
const fake = await startFakeWecom({ corpId: WECOM_ENV.WECOM_CORP_ID, secret: WECOM_ENV.WECOM_SECRET, agentId: 1000002, users })
const t = await createTestDb({ empty: true })
const settings = testSettings(t.url, { ...WECOM_ENV, WECOM_API_BASE: fake.url, DATABASE_POOL_SIZE: '20' })
const db = createDataSource({ url: t.url, poolSize: 20 })
const queues = new QueueKit({ kind: 'redis', url: TEST_REDIS_URL, prefix: settings.QUEUE_PREFIX })
try {
  await t.db.runMigrations()
  await db.initialize()
  // Only level 1 falls due inside the measurement: later levels are hours away.
  const config = quickConfig(TEST_PROCESS_YAML.replace('after: 1m', 'after: 600m').replace('after: 4m', 'after: 900m'))
  const def = config.definitions[0]!
  const tenant = (await syncEnvTenant(db, settings))!
  await db.query(`INSERT INTO member (tenant_id, platform_user_id, name, role) SELECT $1, 'rep' || g, '销售' || g, 'rep' FROM generate_series(0, $2::int - 1) g`, [tenant.id, REPS])
  await db.query(`INSERT INTO customer (tenant_id, name) SELECT $1, '客户' || g FROM generate_series(0, $2::int - 1) g`, [tenant.id, REPS])
  // Each opportunity entered its one-minute node a minute ago: level 1 is due now, all in the same minute.
  await db.query(`
    WITH reps AS (SELECT id, row_number() OVER (ORDER BY platform_user_id) AS n FROM member WHERE tenant_id = $1),
         custs AS (SELECT id, row_number() OVER (ORDER BY name) AS n FROM customer WHERE tenant_id = $1),
         opps AS (INSERT INTO opportunity (tenant_id, customer_id, owner_id, title, process_id, definition_version, current_node)
           SELECT $1, c.id, r.id, '商机' || g, $2, $3, 'visit' FROM generate_series(0, $4::int - 1) g
           JOIN reps r ON r.n = g % $5 + 1 JOIN custs c ON c.n = g % $5 + 1 RETURNING id)
    INSERT INTO node_run (tenant_id, opportunity_id, node, entered_at, due_at, reminder_level, next_reminder_at)
    SELECT $1, id, 'visit', date_trunc('minute', now()) - interval '1 minute', date_trunc('minute', now()), 0,
      date_trunc('minute', now()) FROM opps`, [tenant.id, def.id, def.version, TOTAL, REPS])

  // Baseline: the same number of cards straight through the client to the fake.
  const client = createWecomClient({ corpId: WECOM_ENV.WECOM_CORP_ID, secret: WECOM_ENV.WECOM_SECRET, agentId: '1000002',
    cache: createMemoryTokenCache(), keyPrefix: 'bench:', baseUrl: fake.url, trustedDomains: [] })
  // As many sends in flight as the worker's notify queue runs at once, so the ratio compares like with like.
  const b0 = performance.now()
  let next = 0
  await Promise.all(Array.from({ length: NOTIFY_CONCURRENCY }, async () => {
    for (let i = next++; i < TOTAL; i = next++) {
      await client.sendCard([`rep${i % REPS}`], { title: '基线', buttons: [{ key: 'x', text: 'x' }], taskId: `base_${i}` })
    }
  }))
  const baselineS = (performance.now() - b0) / 1000
  fake.reset()

  const rt = { settings, db, queues, log: createLogger('silent', 'bench') }
  const worker = await startWorker(rt, { config, digest: false })
  const s0 = performance.now()
  const queued = await sweepReminders(db.manager, queues, new Date(), TOTAL)
  let delivered = 0
  while (performance.now() - s0 < 90_000) {
    delivered = fake.sent.filter((m) => !m.duplicate).length
    if (delivered >= TOTAL) break
    if (process.env.BENCH_TRACE) {
      const [o] = await db.query(`SELECT count(*)::int AS rows, count(*) FILTER (WHERE status = 'sent')::int AS sent FROM outbox`)
      console.log(`${((performance.now() - s0) / 1000).toFixed(1)} s: outbox ${o.rows}, sent ${o.sent}, fake ${delivered}`)
    }
    await new Promise((r) => setTimeout(r, process.env.BENCH_TRACE ? 2000 : 200))
  }
  const seconds = (performance.now() - s0) / 1000
  await worker.close()
  const ids = fake.sent.filter((m) => !m.duplicate).map((m) => JSON.stringify(m.body).match(/"task_id":"([^"]+)"/)?.[1])
  const twice = ids.length - new Set(ids).size
  const [{ n: sent }] = await db.query(`SELECT count(*)::int AS n FROM outbox WHERE status = 'sent'`)
  console.log(`queued by the sweep: ${queued}; delivered: ${delivered}/${TOTAL} in ${seconds.toFixed(1)} s (target ≤ 60 s); sent twice: ${twice}; outbox sent: ${sent}`)
  console.log(`rate: ${(delivered / seconds).toFixed(0)} reminders/s`)
  console.log(`baseline (client → fake, no DB/queue): ${(TOTAL / baselineS).toFixed(0)} cards/s`)
  console.log(`ratio reminders/baseline: ${((delivered / seconds) / (TOTAL / baselineS)).toFixed(2)}`)
  if (delivered < TOTAL || twice > 0 || seconds > 60) process.exitCode = 1
} finally {
  await queues.close()
  const redis = new Redis(TEST_REDIS_URL)
  const keys = await redis.keys(`${settings.QUEUE_PREFIX}:*`)
  for (let i = 0; i < keys.length; i += 1000) await redis.del(...keys.slice(i, i + 1000))
  redis.disconnect()
  if (db.isInitialized) await db.destroy()
  await t.drop()
  await fake.close()
}
