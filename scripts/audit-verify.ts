// `npm run audit:verify`: recompute every tenant's audit hash chain. Prints the first broken entry of each
// broken chain and exits 1; exits 0 when every chain holds. Uses DATABASE_URL.
import { loadSettings } from '../config/settings.js'
import { exitOnConfigError } from '../io/boot.js'
import { createDataSource } from '../io/db/data-source.js'
import { verifyAuditChains } from '../io/db/audit.repo.js'

const settings = exitOnConfigError(() => loadSettings({ SESSION_SECRET: 'x'.repeat(32), ...process.env }))
const db = createDataSource({ url: settings.DATABASE_URL, poolSize: 1, applicationName: 'salespath-audit-verify' })
await db.initialize()
try {
  const { checked, breaks } = await verifyAuditChains(db.manager)
  for (const b of breaks) {
    process.stdout.write(`BROKEN tenant ${b.tenantId} entry #${b.seq} (id ${b.id}): ${b.reason} — 审计链在此处被改动 / the chain was altered here\n`)
  }
  process.stdout.write(`${checked} entries checked, ${breaks.length} broken chain(s)\n`)
  process.exitCode = breaks.length ? 1 : 0
} finally {
  await db.destroy()
}
