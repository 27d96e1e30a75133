import { DataSource, type EntityManager } from 'typeorm'
import { MIGRATIONS } from '../../migrations/index.js'
import { ENTITIES } from './entities.js'
import { SnakeNamingStrategy } from './naming-strategy.js'

export type Db = DataSource
export type Tx = EntityManager

export type DbOptions = { url: string; poolSize?: number; schema?: string; applicationName?: string }

/**
 * Migrations are imported as classes, not globbed: TypeORM loads globs with native import(),
 * which neither vitest nor tsx-less node can do for .ts files (STACK.md §8).
 */
export function createDataSource(o: DbOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: o.url,
    schema: o.schema,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    poolSize: o.poolSize ?? 10,
    applicationName: o.applicationName ?? 'salespath',
    extra: { connectionTimeoutMillis: 5000 },
  })
}

export async function withTx<T>(db: DataSource, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(fn)
}

/** Readiness probe: true when a trivial query answers within the timeout. */
export async function pingDb(db: DataSource, timeoutMs = 2000): Promise<boolean> {
  if (!db.isInitialized) return false
  const probe = db.query('SELECT 1').then(() => true, () => false)
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref())
  return Promise.race([probe, timeout])
}
