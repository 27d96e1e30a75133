// `npm run seed:demo`: the demo tenant (a director, a manager, five reps, twenty customers, today's opportunities and
// about four months of history: node runs on time, made up late and overdue, visits with on-site photos, voice notes,
// quotes read by OCR, approval trails, audit entries, contracts and payments) in the database at DATABASE_URL, photos
// under STORAGE_DIR. Idempotent: an existing demo tenant is kept as it is.
import { loadSettings } from '../config/settings.js'
import { exitOnConfigError } from '../io/boot.js'
import { definitionOrThrow, loadProcessConfig } from '../io/config/process-config.js'
import { createDataSource } from '../io/db/data-source.js'
import { seedDemoWithHistory } from '../io/demo/seed-all.js'

const settings = exitOnConfigError(() => loadSettings({ SESSION_SECRET: 'x'.repeat(32), ...process.env }))
const config = exitOnConfigError(() => loadProcessConfig())
const db = createDataSource({ url: settings.DATABASE_URL, poolSize: 2, applicationName: 'salespath-seed' })
await db.initialize()
try {
  await db.runMigrations({ transaction: 'each' })
  const started = performance.now()
  const r = await seedDemoWithHistory(db, { config, def: definitionOrThrow(config, 'new-customer'), now: new Date(),
    storageDir: settings.STORAGE_DIR, ...(process.env.SEED_TENANT_SLUG ? { slug: process.env.SEED_TENANT_SLUG } : {}) })
  process.stdout.write(r.created
    ? `demo tenant seeded in ${((performance.now() - started) / 1000).toFixed(1)} s: ${r.members} members, ${r.customers} customers, ${r.opportunities} opportunities with ${r.months} months of history\n`
    : 'demo tenant already present; nothing changed\n')
} finally {
  await db.destroy()
}
