import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendAudit, verifyAuditChains } from '../../io/db/audit.repo.js'
import { insertInbox } from '../../io/db/inbox.repo.js'
import { MIGRATIONS } from '../../migrations/index.js'
import { createTestDb, type TestDb } from '../setup/test-db.js'

const run = promisify(execFile)
const TENANT = '00000000-0000-4000-8000-000000000001'

describe('migrations', () => {
  let t: TestDb
  beforeAll(async () => {
    t = await createTestDb({ empty: true })
  })
  afterAll(async () => t.drop())

  it('apply to an empty database and leave no drift against the entities', async () => {
    const applied = await t.db.runMigrations({ transaction: 'each' })
    expect(applied.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => new m().constructor.name))
    const tables = (await t.db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`) as { table_name: string }[])
      .map((r) => r.table_name)
    expect(tables).toEqual(expect.arrayContaining(['tenant', 'member', 'customer', 'contact', 'opportunity', 'node_run',
      'deliverable', 'attachment', 'activity', 'task', 'inbox', 'outbox', 'audit_log']))
    // The real CLI, as `npm run migration:check` runs it: exit 0 and "No changes" means no drift.
    const { stdout } = await run('npx', ['tsx', './node_modules/typeorm/cli.js', 'migration:generate', '--check',
      '-d', 'io/db/cli-data-source.ts', 'migrations/Check'], { env: { ...process.env, DATABASE_URL: t.url } })
    expect(stdout).toContain('No changes in database schema were found')
  })

  it('revert cleanly, so a bad deploy can be rolled back', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await t.db.undoLastMigration({ transaction: 'each' })
    const left = await t.db.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`)
    expect(left[0].n).toBe(0)
    await t.db.runMigrations({ transaction: 'each' })
  })
})

describe('audit log', () => {
  let t: TestDb
  beforeAll(async () => {
    t = await createTestDb()
  })
  afterAll(async () => t.drop())

  const entry = (action: string) => ({ tenantId: TENANT, at: new Date('2026-03-02T01:00:00Z'), actor: 'member:lina',
    entity: 'opportunity', entityId: 'opp-1', action, data: { amount: '128000.00', node: '报价跟进' } })

  it('chains entries and verifies', async () => {
    await t.db.transaction((tx) => appendAudit(tx, entry('created')))
    await t.db.transaction((tx) => appendAudit(tx, entry('advanced')))
    const r = await verifyAuditChains(t.db.manager)
    expect(r).toEqual({ checked: 2, breaks: [] })
    const cli = await run('npx', ['tsx', 'scripts/audit-verify.ts'], { env: { ...process.env, DATABASE_URL: t.url } })
    expect(cli.stdout).toContain('2 entries checked, 0 broken chain(s)')
  })

  it.each([
    ['UPDATE', `UPDATE audit_log SET action = 'deleted'`],
    ['DELETE', 'DELETE FROM audit_log'],
    ['TRUNCATE', 'TRUNCATE audit_log'],
  ])('refuses %s', async (_op, sql) => {
    await expect(t.db.query(sql)).rejects.toThrow(/append-only/)
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM audit_log')
    expect(n).toBe(2)
  })

  it('detects a row altered behind the trigger', async () => {
    await t.db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete')
    await t.db.query(`UPDATE audit_log SET data = '{"amount":"1.00"}' WHERE seq = 1`)
    await t.db.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete')
    const r = await verifyAuditChains(t.db.manager)
    expect(r.breaks).toEqual([expect.objectContaining({ tenantId: TENANT, seq: 1, reason: 'hash_mismatch' })])
    const cli = await run('npx', ['tsx', 'scripts/audit-verify.ts'], { env: { ...process.env, DATABASE_URL: t.url } })
      .then(() => ({ code: 0, stdout: '' }), (e: { code: number; stdout: string }) => e)
    expect(cli.code).toBe(1)
    expect(cli.stdout).toContain(`BROKEN tenant ${TENANT} entry #1`)
  })

  it('keeps one chain under concurrent appends', async () => {
    const other = '00000000-0000-4000-8000-000000000002'
    await Promise.all(Array.from({ length: 20 }, (_, i) =>
      t.db.transaction((tx) => appendAudit(tx, { ...entry(`step-${i}`), tenantId: other }))))
    const seqs = (await t.db.query('SELECT seq FROM audit_log WHERE tenant_id = $1 ORDER BY seq', [other])).map((r: { seq: number }) => r.seq)
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
    const r = await verifyAuditChains(t.db.manager)
    expect(r.breaks.filter((b) => b.tenantId === other)).toEqual([])
  })
})

describe('inbox', () => {
  let t: TestDb
  beforeAll(async () => {
    t = await createTestDb()
  })
  afterAll(async () => t.drop())

  it('stores the same platform message once, however often it arrives', async () => {
    const row = { tenantId: TENANT, channel: 'wecom', dedupeKey: '4561255354251345929', eventType: 'text',
      payload: { content: '帮助' }, raw: '<xml/>', receivedAt: new Date() }
    const results = await Promise.all([1, 2, 3].map(() => insertInbox(t.db.manager, row)))
    expect(results.filter((r) => r.inserted)).toHaveLength(1)
    expect(new Set(results.map((r) => r.id)).size).toBe(1)
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM inbox')
    expect(n).toBe(1)
  })
})
