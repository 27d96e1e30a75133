import pg from 'pg'
import { createDataSource } from '../../io/db/data-source.js'
import { ADMIN_DATABASE_URL, TEMPLATE_DB, urlForDatabase } from './env.js'

/**
 * Once per run: a migrated template database that each test file clones (CREATE DATABASE … TEMPLATE,
 * ~100 ms, full isolation). It is built under a temporary name and renamed when complete, so a
 * crashed or concurrent run never leaves a half-migrated template behind.
 */
export default async function setup(): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL })
  await admin.connect()
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [TEMPLATE_DB])
    if (exists.rowCount) return
    const tmp = `${TEMPLATE_DB}_${process.pid}`
    await admin.query(`DROP DATABASE IF EXISTS ${tmp}`)
    await admin.query(`CREATE DATABASE ${tmp}`)
    const ds = createDataSource({ url: urlForDatabase(tmp), poolSize: 1 })
    await ds.initialize()
    await ds.runMigrations({ transaction: 'each' })
    await ds.destroy()
    await admin.query(`ALTER DATABASE ${tmp} IS_TEMPLATE true`)
    await admin.query(`ALTER DATABASE ${tmp} RENAME TO ${TEMPLATE_DB}`).catch(async (e: { code?: string }) => {
      if (e.code !== '42P04') throw e // another run finished first: use theirs
      await admin.query(`ALTER DATABASE ${tmp} IS_TEMPLATE false`)
      await admin.query(`DROP DATABASE IF EXISTS ${tmp}`)
    })
  } finally {
    await admin.end()
  }
}
