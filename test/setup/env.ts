import { createHash } from 'node:crypto'
import { MIGRATIONS } from '../../migrations/index.js'

/**
 * Where the integration tier finds its services. Defaults fit our machines (PostgreSQL with trust auth
 * on 127.0.0.1, Redis on 6379); .ci/run exports the same variables explicitly.
 */
export const ADMIN_DATABASE_URL = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://salespath:salespath@127.0.0.1:5432/postgres'
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

/** Named after the migrations it holds, so parallel runs share it and a new migration makes a new one. */
export const TEMPLATE_DB = `sp_tpl_${createHash('sha1').update(MIGRATIONS.map((m) => m.name).join(',')).digest('hex').slice(0, 12)}`

export function urlForDatabase(name: string, base = ADMIN_DATABASE_URL): string {
  const u = new URL(base)
  u.pathname = `/${name}`
  return u.toString()
}
