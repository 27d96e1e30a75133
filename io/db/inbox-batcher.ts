import type { DataSource } from 'typeorm'
import { inboxKey, storeInboxBatch, type InboxInsert, type KeyRow, type NewInboxRow, type RunStatement } from './inbox-batch-sql.js'

type Waiter = { resolve: (r: InboxInsert) => void; reject: (e: unknown) => void }
/** The callers of one distinct message in a batch: the first learns it stored the row, the others that it existed. */
type Entry = { row: NewInboxRow; waiters: Waiter[] }
export type InboxBatcherOptions = { maxBatch?: number; maxInFlight?: number }
export type InboxBatcher = (row: NewInboxRow) => Promise<InboxInsert>

/**
 * Group commit for the callback path: inserts asked for in the same tick go to PostgreSQL as one statement,
 * and while `maxInFlight` batches run the next ones gather, so a burst costs a few round trips and WAL flushes
 * instead of one per callback. Every caller still awaits its own row being committed; a failed batch fails
 * all of its callers (nothing of it is stored, and each platform retries its own message).
 */
export function createInboxBatcher(run: RunStatement, o: InboxBatcherOptions = {}): InboxBatcher {
  const maxBatch = o.maxBatch ?? 500
  const maxInFlight = o.maxInFlight ?? 4
  let pending = new Map<string, Entry>()
  let inFlight = 0
  let scheduled = false

  const store = async (entries: Entry[]) => {
    try {
      const results = await storeInboxBatch(run, entries.map((e) => e.row))
      for (const e of entries) settle(e, results.get(inboxKey(e.row)))
    } catch (err) {
      for (const e of entries) for (const w of e.waiters) w.reject(err)
    }
  }
  const flush = () => {
    scheduled = false
    while (pending.size > 0 && inFlight < maxInFlight) {
      const entries = [...pending.values()].slice(0, maxBatch)
      if (entries.length === pending.size) pending = new Map()
      else for (const e of entries) pending.delete(inboxKey(e.row))
      inFlight++
      void store(entries).finally(() => {
        inFlight--
        flush()
      })
    }
  }
  return (row) => new Promise((resolve, reject) => {
    const key = inboxKey(row)
    const entry = pending.get(key)
    if (entry) entry.waiters.push({ resolve, reject })
    else pending.set(key, { row, waiters: [{ resolve, reject }] })
    if (!scheduled && inFlight < maxInFlight) {
      scheduled = true
      setImmediate(flush)
    }
  })
}

function settle(e: Entry, result: InboxInsert | undefined) {
  if (!result) {
    const vanished = new Error('inbox row vanished between insert and select')
    for (const w of e.waiters) w.reject(vanished)
    return
  }
  const [first, ...others] = e.waiters
  first?.resolve(result)
  for (const w of others) w.resolve({ id: result.id, inserted: false })
}

type PgPool = { query: (q: { name?: string; text: string; values: unknown[] }) => Promise<{ rows: unknown[] }> }
const DUPLICATE_PREPARED_STATEMENT = '42P05'

/**
 * Runs the batch statements on the DataSource's own pg pool as named statements, prepared once per connection:
 * parsing and planning every batch is most of what an unnamed query costs PostgreSQL. Where connections share one
 * session (the demo's embedded PostgreSQL), a second connection cannot prepare the same name; that refusal comes
 * before anything runs, and from then on the statements go unnamed.
 */
export function runnerOf(db: DataSource): RunStatement {
  const pool = (db.driver as { master?: PgPool }).master
  if (!pool || typeof pool.query !== 'function') return (s, values) => db.query(s.text, values)
  let named = true
  return async (s, values) => {
    if (named) {
      try {
        return (await pool.query({ name: s.name, text: s.text, values })).rows as KeyRow[]
      } catch (e) {
        if ((e as { code?: string }).code !== DUPLICATE_PREPARED_STATEMENT) throw e
        named = false
      }
    }
    return (await pool.query({ text: s.text, values })).rows as KeyRow[]
  }
}

const batchers = new WeakMap<DataSource, InboxBatcher>()

/** The batcher of one DataSource (created on first use). */
export function inboxBatcherOf(db: DataSource): InboxBatcher {
  let b = batchers.get(db)
  if (!b) {
    b = createInboxBatcher(runnerOf(db))
    batchers.set(db, b)
  }
  return b
}
