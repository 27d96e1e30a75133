import { randomUUID } from 'node:crypto'
import pg from 'pg'
import type { DataSource } from 'typeorm'
import { createDataSource } from '../../io/db/data-source.js'
import { ADMIN_DATABASE_URL, TEMPLATE_DB, urlForDatabase } from './env.js'

export type TestDb = { db: DataSource; url: string; name: string; drop: () => Promise<void> }

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN_DATABASE_URL })
  await c.connect()
  try {
    return await fn(c)
  } finally {
    await c.end()
  }
}

/** A database of one's own for a test file: a clone of the migrated template, or empty when asked. */
export async function createTestDb(opts: { empty?: boolean } = {}): Promise<TestDb> {
  const name = `sp_t_${randomUUID().replace(/-/g, '').slice(0, 16)}`
  await admin((c) => c.query(opts.empty ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`))
  const url = urlForDatabase(name)
  const db = createDataSource({ url, poolSize: 5 })
  await db.initialize()
  return {
    db, url, name,
    drop: async () => {
      if (db.isInitialized) await db.destroy()
      await admin(async (c) => {
        await c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [name])
        await c.query(`DROP DATABASE IF EXISTS ${name}`)
      })
    },
  }
}

export async function setDatabaseConnectable(name: string, allow: boolean): Promise<void> {
  await admin(async (c) => {
    await c.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS ${allow}`)
    if (!allow) await c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [name])
  })
}
