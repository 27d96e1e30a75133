// `npm run demo`: everything on one machine with nothing configured. Without DATABASE_URL it runs on
// embedded PostgreSQL (PGlite) with BullMQ's PostgreSQL backend; with DATABASE_URL/REDIS_URL set it uses them.
import { join } from 'node:path'
import { startBot } from '../bot/server.js'
import { loadSettings } from '../config/settings.js'
import { renderMessage } from '../core/errors.js'
import { isAppError } from '../io/app-error.js'
import { exitOnConfigError } from '../io/boot.js'
import { definitionOrThrow, loadProcessConfig } from '../io/config/process-config.js'
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../io/demo/embedded-postgres.js'
import { DEMO_WECOM_ENV, startDemoWecom } from '../io/demo/demo-wecom.js'
import { seedDemoWithHistory } from '../io/demo/seed-all.js'
import { ENV_TENANT_SLUG, syncEnvTenant } from '../io/tenants.js'
import { closeOnSignal, type Closer } from '../io/lifecycle.js'
import { closeRuntime, openRuntime } from '../io/runtime.js'
import { startWorker } from '../worker/run.js'

const env = process.env
const dataDir = env.DEMO_DATA_DIR ?? join(import.meta.dirname, '..', '.data', 'demo-pg')
let embedded: EmbeddedPostgres | undefined
if (!env.DATABASE_URL) {
  try {
    embedded = await startEmbeddedPostgres(dataDir)
  } catch (e) {
    if (!isAppError(e)) throw e
    const m = renderMessage(e.code, e.params)
    process.stderr.write(`${m.zh}\n${m.en}\n`)
    process.exit(2)
  }
}

const fakeWecom = env.WECOM_ENABLED === 'true' ? null : await startDemoWecom()
const settings = exitOnConfigError(() => loadSettings({
  SESSION_SECRET: 'salespath-demo-session-secret-not-for-production',
  ...(fakeWecom ? { ...DEMO_WECOM_ENV, WECOM_API_BASE: fakeWecom.url } : {}),
  ...env,
  DATABASE_URL: embedded?.url ?? env.DATABASE_URL,
  // PGlite is one session behind a socket: keep every pool small (their sum must stay under its connection cap).
  DATABASE_POOL_SIZE: embedded ? '3' : env.DATABASE_POOL_SIZE,
}))
const processConfig = exitOnConfigError(() => loadProcessConfig())
const def = definitionOrThrow(processConfig, 'new-customer')
const rt = await openRuntime(settings, 'demo')
await rt.db.runMigrations({ transaction: 'each' })
await syncEnvTenant(rt.db, settings)
const seedStarted = performance.now()
const seeded = await seedDemoWithHistory(rt.db, { config: processConfig, def, now: new Date(), storageDir: settings.STORAGE_DIR, slug: ENV_TENANT_SLUG })
const seedSeconds = ((performance.now() - seedStarted) / 1000).toFixed(1)
const worker = await startWorker(rt, { config: processConfig })
const bot = await startBot(rt)

const closers: Closer[] = [bot, worker, { name: 'runtime', close: () => closeRuntime(rt) }]
if (fakeWecom) closers.push({ name: 'fake-wecom', close: fakeWecom.close })
if (embedded) closers.push({ name: 'embedded-postgres', close: embedded.stop })
closeOnSignal(rt.log, settings.SHUTDOWN_TIMEOUT_MS, closers)

process.stdout.write([
  '',
  'Salespath demo is running / 演示已启动',
  `  database: ${embedded ? `embedded PostgreSQL (PGlite) in ${dataDir}` : 'DATABASE_URL'}; queues: ${settings.QUEUE_BACKEND}`,
  `  demo tenant: ${seeded.created ? `created in ${seedSeconds} s (${seeded.members} members, ${seeded.customers} customers, ${seeded.opportunities} opportunities, ${seeded.months} months of history)` : 'already present'}`,
  `  ready:    ${bot.url}/readyz`,
  `  health:   ${bot.url}/healthz`,
  ...(fakeWecom ? [
    `  WeCom (fake) — every message reps and managers receive: ${fakeWecom.url}/`,
    `  try it: npm run wecom:send -- --text 帮助 --from lina --url ${bot.url}/wecom/callback`,
  ] : []),
  'Stop with Ctrl-C. 按 Ctrl-C 停止。',
  '',
].join('\n'))
