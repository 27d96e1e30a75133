// `npm run seed:demo`: the demo tenant (a director, a manager, five reps, twenty customers, opportunities
// over every node, some overdue) in the database at DATABASE_URL. Idempotent: an existing demo tenant is kept.
import { loadSettings } from '../config/settings.js'
import { addWorkingTime } from '../core/timing/working-calendar.js'
import { exitOnConfigError } from '../io/boot.js'
import { definitionOrThrow, loadProcessConfig } from '../io/config/process-config.js'
import { createDataSource } from '../io/db/data-source.js'
import { seedDemo } from '../io/demo/seed.js'

const settings = exitOnConfigError(() => loadSettings({ SESSION_SECRET: 'x'.repeat(32), ...process.env }))
const config = exitOnConfigError(() => loadProcessConfig())
const def = definitionOrThrow(config, 'new-customer')
const db = createDataSource({ url: settings.DATABASE_URL, poolSize: 2, applicationName: 'salespath-seed' })
await db.initialize()
try {
  await db.runMigrations({ transaction: 'each' })
  const r = await seedDemo(db, def, new Date(), (node, enteredAt) => {
    const limit = def.nodes.find((n) => n.key === node)?.timeLimit
    return limit ? addWorkingTime(enteredAt, limit.maxDwell, config.calendar) : null
  }, process.env.SEED_TENANT_SLUG)
  process.stdout.write(r.created
    ? `demo tenant seeded: ${r.members} members, ${r.customers} customers, ${r.opportunities} opportunities\n`
    : 'demo tenant already present; nothing changed\n')
} finally {
  await db.destroy()
}
