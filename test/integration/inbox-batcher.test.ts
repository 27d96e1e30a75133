import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DataSource } from 'typeorm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createDataSource, withTx } from '../../io/db/data-source.js'
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../io/demo/embedded-postgres.js'
import type { NewInboxRow, RunStatement } from '../../io/db/inbox-batch-sql.js'
import { createInboxBatcher, runnerOf } from '../../io/db/inbox-batcher.js'
import { insertInbox } from '../../io/db/inbox.repo.js'
import { createTestDb, type TestDb } from '../setup/test-db.js'

// The inbox batcher against a real PostgreSQL: callbacks of one tick share one INSERT, yet each learns its own fate.
const TENANT = '00000000-0000-4000-8000-000000000001'
let t: TestDb
let statements: string[]
/** The real runner, noting which statement each round trip ran (the batcher's only contact with PostgreSQL). */
let run: RunStatement

const msg = (dedupeKey: string, raw = `<xml>${dedupeKey}</xml>`): NewInboxRow => ({
  tenantId: TENANT, channel: 'wecom', dedupeKey, eventType: 'text', payload: { text: dedupeKey }, raw, receivedAt: new Date() })
const stored = async () => (await t.db.query('SELECT id, dedupe_key FROM inbox ORDER BY id')) as { id: string; dedupe_key: string }[]
const nextTick = () => new Promise((r) => setImmediate(r))

beforeAll(async () => {
  t = await createTestDb()
  const real = runnerOf(t.db)
  run = (s, params) => {
    statements.push(s.name)
    return real(s, params)
  }
})
beforeEach(async () => {
  statements = []
  await t.db.query('DELETE FROM inbox')
})
afterAll(async () => t.drop())

describe('inbox batcher', () => {
  it('stores the callbacks of one tick with one INSERT, ids in arrival order', async () => {
    const insert = createInboxBatcher(run)
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((k) => insert(msg(k))))
    expect(statements).toEqual(['sp_inbox_insert_batch'])
    expect(results.every((r) => r.inserted)).toBe(true)
    const rows = await stored()
    expect(rows.map((r) => r.dedupe_key)).toEqual(['a', 'b', 'c', 'd'])
    expect(results.map((r) => r.id)).toEqual(rows.map((r) => String(r.id)))
  })

  it('stores a message repeated within one batch once: one caller inserted it, all get its id', async () => {
    const insert = createInboxBatcher(run)
    const results = await Promise.all([msg('dup'), msg('x'), msg('dup'), msg('dup')].map((m) => insert(m)))
    expect(results.filter((r) => r.inserted)).toHaveLength(2) // 'dup' once, 'x' once
    expect(results[0]).toEqual({ id: expect.any(String), inserted: true })
    expect(new Set([results[0]!.id, results[2]!.id, results[3]!.id]).size).toBe(1)
    expect((await stored()).map((r) => r.dedupe_key)).toEqual(['dup', 'x'])
  })

  it('answers a retry of an already stored message with the existing id and inserted: false', async () => {
    const insert = createInboxBatcher(run)
    const first = await insert(msg('m1'))
    const [again, fresh] = await Promise.all([insert(msg('m1')), insert(msg('m2'))])
    expect(again).toEqual({ id: first.id, inserted: false })
    expect(fresh!.inserted).toBe(true)
    expect(statements).toEqual(['sp_inbox_insert_batch', 'sp_inbox_insert_batch', 'sp_inbox_existing_batch'])
    expect(await stored()).toHaveLength(2)
  })

  it('fails every caller of a batch PostgreSQL refuses, and stores none of it', async () => {
    const insert = createInboxBatcher(run)
    // A NUL byte is not valid text in PostgreSQL: the one statement fails, so the whole batch does.
    const outcomes = await Promise.allSettled([insert(msg('ok1')), insert(msg('bad', 'nul\u0000byte')), insert(msg('ok2'))])
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected'])
    expect(await stored()).toEqual([])
    // The platform retries each message on its own; the good ones are then stored.
    const retried = await Promise.all([insert(msg('ok1')), insert(msg('ok2'))])
    expect(retried.every((r) => r.inserted)).toBe(true)
    expect((await stored()).map((r) => r.dedupe_key)).toEqual(['ok1', 'ok2'])
  })

  it('gathers callers that arrive while a batch is running into the next one', async () => {
    const insert = createInboxBatcher(run, { maxInFlight: 1 })
    const first = insert(msg('first'))
    await nextTick() // the first batch has been sent and is waiting on PostgreSQL
    const later = ['l1', 'l2', 'l3'].map((k) => insert(msg(k)))
    await Promise.all([first, ...later])
    expect(statements).toEqual(['sp_inbox_insert_batch', 'sp_inbox_insert_batch'])
    expect((await stored()).map((r) => r.dedupe_key)).toEqual(['first', 'l1', 'l2', 'l3'])
  })

  it('splits a burst larger than maxBatch into several statements', async () => {
    const insert = createInboxBatcher(run, { maxBatch: 2, maxInFlight: 4 })
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((k) => insert(msg(k))))
    expect(statements).toHaveLength(3)
    expect(await stored()).toHaveLength(5)
  })

  it('inside a transaction, the insert is part of it and rolls back with it', async () => {
    await expect(withTx(t.db, async (tx) => {
      expect((await insertInbox(tx, msg('in-tx'))).inserted).toBe(true)
      throw new Error('rolled back')
    })).rejects.toThrow('rolled back')
    expect(await stored()).toEqual([])
    const outside = await insertInbox(t.db.manager, msg('in-tx'))
    expect(outside.inserted).toBe(true)
  })
})

describe('inbox batcher on the demo\'s embedded PostgreSQL (every connection shares one session)', () => {
  let pg: EmbeddedPostgres
  let db: DataSource
  beforeAll(async () => {
    pg = await startEmbeddedPostgres(join(mkdtempSync(join(tmpdir(), 'sp-inbox-pglite-')), 'pg'))
    db = createDataSource({ url: pg.url, poolSize: 3 })
    await db.initialize()
    await db.runMigrations({ transaction: 'each' })
  }, 180_000)
  afterAll(async () => {
    await db?.destroy()
    await pg?.stop()
  })

  it('stores from several connections although the statement name is taken session-wide', async () => {
    const insert = createInboxBatcher(runnerOf(db), { maxBatch: 1, maxInFlight: 3 }) // three batches at once → three connections
    const results = await Promise.all(['p1', 'p2', 'p3', 'p4'].map((k) => insert(msg(k))))
    expect(results.every((r) => r.inserted)).toBe(true)
    const again = await insert(msg('p2'))
    expect(again).toEqual({ id: results[1]!.id, inserted: false })
    const rows = await db.query('SELECT dedupe_key FROM inbox') as { dedupe_key: string }[]
    expect(rows.map((r) => r.dedupe_key).sort()).toEqual(['p1', 'p2', 'p3', 'p4'])
  })
})
