import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../bot/app.js'
import { signSession } from '../../bot/middleware/session.js'
import { dashboardRouters } from '../../bot/routes/dashboard-api.route.js'
import { definitionOrThrow, loadProcessConfig } from '../../io/config/process-config.js'
import { seedDemo } from '../../io/demo/seed.js'
import { testRuntime } from '../setup/runtime.js'
import { createTestDb, type TestDb } from '../setup/test-db.js'

const run = promisify(execFile)
const DAY = 86_400_000
type Cell = { node: string; colour: string; total: number }
type Row = { memberId: string; name: string; cells: Cell[] }

let t: TestDb
let storage: string
let app: ReturnType<ReturnType<typeof createApp>['callback']>
let tenantId = ''
let manager = ''

/** A script as a user runs it, on this test's database and storage folder: exit code and output. */
const cli = (script: string, env: Record<string, string> = {}) => run('npx', ['tsx', script], { env: { ...process.env, DATABASE_URL: t.url, STORAGE_DIR: storage, ...env } })
  .then((r) => ({ code: 0, stdout: r.stdout }), (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }))
const get = (path: string) => request(app).get(path)
  .set('Cookie', `sp_session=${signSession(testRuntime(t).settings.SESSION_SECRET, { tenantId, memberId: manager, channel: 'dev' })}`)
const matrix = async (from: Date, to: Date): Promise<Row[]> =>
  (await get(`/api/dashboard/matrix?processId=new-customer&from=${from.toISOString()}&to=${to.toISOString()}`).expect(200)).body.rows
const counts = async () => (await t.db.query(`SELECT (SELECT count(*) FROM opportunity) o, (SELECT count(*) FROM node_run) r,
  (SELECT count(*) FROM deliverable) d, (SELECT count(*) FROM activity) a, (SELECT count(*) FROM quote) q, (SELECT count(*) FROM attachment) f,
  (SELECT count(*) FROM audit_log) l, (SELECT count(*) FROM member) m`))[0]

beforeAll(async () => {
  t = await createTestDb()
  storage = mkdtempSync(join(tmpdir(), 'salespath-seed-'))
  const rt = testRuntime(t, { STORAGE_DIR: storage })
  app = createApp({ log: rt.log, probes: {}, routers: dashboardRouters(rt) }).callback()
})
afterAll(async () => {
  await t?.drop()
  rmSync(storage, { recursive: true, force: true })
})

describe('npm run seed:demo', () => {
  it('fills the demo tenant with four months of history', async () => {
    const r = await cli('scripts/seed-demo.ts')
    expect(r.code).toBe(0)
    const seeded = /8 members, 20 customers, (\d+) opportunities with 4 months of history/.exec(r.stdout)
    expect(Number(seeded?.[1])).toBeGreaterThan(60)
    const [who] = await t.db.query(`SELECT tenant_id, id FROM member WHERE platform_user_id = 'wangjianguo'`)
    tenantId = who.tenant_id
    manager = who.id
    const [span] = await t.db.query('SELECT min(entered_at) AS first FROM node_run WHERE tenant_id = $1', [tenantId])
    expect(span.first.getTime()).toBeLessThan(Date.now() - 100 * DAY)
    // Evidence arrives while its run is open, never before it was entered, after it closed or in the future.
    const [{ outside }] = await t.db.query(`SELECT count(*)::int AS outside FROM deliverable d JOIN node_run r ON r.id = d.node_run_id
      WHERE d.tenant_id = $1 AND (d.arrived_at < r.entered_at OR d.arrived_at > coalesce(r.done_at, now()))`, [tenantId])
    expect(outside).toBe(0)
    const [{ future }] = await t.db.query(`SELECT count(*)::int AS future FROM activity WHERE tenant_id = $1 AND occurred_at > now()`, [tenantId])
    expect(future).toBe(0)
  })

  it('gives the manager a matrix with green, yellow and red cells in each of the last four months', async () => {
    for (let month = 0; month < 4; month++) {
      const to = new Date(Date.now() - month * 30 * DAY)
      const rows = await matrix(new Date(to.getTime() - 30 * DAY), to)
      expect(rows.map((x) => x.name).sort()).toEqual(['刘洋', '张伟', '李娜', '赵磊', '陈静'].sort())
      const colours = new Set(rows.flatMap((x) => x.cells.map((c) => c.colour)))
      expect([month, [...colours].filter((c) => ['green', 'yellow', 'red'].includes(c)).sort()]).toEqual([month, ['green', 'red', 'yellow']])
    }
  })

  it('gives the page\'s first process, the hospital department visits, history of its own with the hospitals only', async () => {
    const body = (await get('/api/dashboard/matrix').expect(200)).body
    expect(body.processId).toBe('hospital-visit')
    expect(body.rows.flatMap((x: Row) => x.cells).reduce((n: number, c: Cell) => n + c.total, 0)).toBeGreaterThan(10)
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM opportunity o JOIN customer c ON c.id = o.customer_id
      WHERE o.tenant_id = $1 AND o.process_id = 'hospital-visit' AND c.industry <> '医疗'`, [tenantId])
    expect(n).toBe(0)
  })

  it('opens red cells onto overdue runs with on-site photos, quotes read by OCR and approval trails', async () => {
    const rows = await matrix(new Date(Date.now() - 120 * DAY), new Date())
    const red = rows.flatMap((x) => x.cells.filter((c) => c.colour === 'red').map((c) => ({ memberId: x.memberId, node: c.node })))
    let photos = 0
    let approvals = 0
    let quotes = 0
    for (const c of red) {
      const cell = await get(`/api/dashboard/cell?processId=new-customer&memberId=${c.memberId}&node=${c.node}&colour=red&from=${new Date(Date.now() - 120 * DAY).toISOString()}`).expect(200)
      expect(cell.body.runs.length).toBeGreaterThan(0)
      for (const runRow of cell.body.runs) {
        expect(runRow.status).toBe('overdue')
        const rec = (await get(`/api/dashboard/node-runs/${runRow.id}`).expect(200)).body
        const urls: string[] = rec.activities.flatMap((a: { photoUrl: string | null }) => a.photoUrl ?? [])
        for (const url of urls.slice(0, 1)) {
          const img = await get(url).buffer(true).expect(200).expect('Content-Type', 'image/jpeg')
          expect([...img.body.subarray(0, 2)]).toEqual([0xff, 0xd8])
          photos++
        }
        approvals += rec.activities.filter((a: { kind: string }) => a.kind === 'approval').length
        for (const q of rec.quotes) {
          expect(q.ocr).toEqual(expect.objectContaining({ amount: expect.any(Number), models: expect.any(Array), validUntil: expect.any(String) }))
          quotes++
        }
        expect(rec.audit.every((e: { intact: boolean }) => e.intact)).toBe(true)
      }
    }
    expect(red.length).toBeGreaterThan(5)
    expect(photos).toBeGreaterThan(5)
    expect(approvals).toBeGreaterThan(0)
    expect(quotes).toBeGreaterThan(0)
  })

  it('gives a manager who owns a run in the period a row of their own, and not for a run outside it', async () => {
    const [c] = await t.db.query(`SELECT id FROM customer WHERE tenant_id = $1 LIMIT 1`, [tenantId])
    const [o] = await t.db.query(`INSERT INTO opportunity (tenant_id, customer_id, owner_id, title, process_id, definition_version, current_node)
      VALUES ($1, $2, $3, '主管亲自跟进', 'new-customer', '1', 'screening') RETURNING id`, [tenantId, c.id, manager])
    await t.db.query(`INSERT INTO node_run (tenant_id, opportunity_id, node, entered_at) VALUES ($1, $2, 'screening', $3)`,
      [tenantId, o.id, new Date(Date.now() - 45 * DAY)])
    const names = async (from: number, to: number) => (await matrix(new Date(Date.now() - from * DAY), new Date(Date.now() - to * DAY))).map((x) => x.name)
    expect(await names(60, 30)).toContain('王建国')
    expect(await names(30, 0)).not.toContain('王建国')
  })

  it('stores each photo once under its content hash', async () => {
    const atts: { sha256: string; storage_path: string }[] = await t.db.query('SELECT sha256, storage_path FROM attachment WHERE tenant_id = $1', [tenantId])
    expect(atts.length).toBeGreaterThan(50)
    expect(new Set(atts.map((a) => a.sha256)).size).toBe(atts.length)
    const files = readdirSync(join(storage, tenantId), { recursive: true, withFileTypes: true }).filter((f) => f.isFile())
    expect(files.map((f) => f.name).sort()).toEqual(atts.map((a) => a.sha256).sort())
    const one = (await get(`/api/dashboard/attachments/${(await t.db.query('SELECT id FROM attachment WHERE tenant_id = $1 LIMIT 1', [tenantId]))[0].id}`)
      .buffer(true).expect(200)).body as Buffer
    expect(atts.map((a) => a.sha256)).toContain(createHash('sha256').update(one).digest('hex'))
  })

  it('leaves an audit chain that verifies, and changes nothing when run again', async () => {
    const verified = await cli('scripts/audit-verify.ts')
    expect(verified.code).toBe(0)
    expect(verified.stdout).toMatch(/[1-9]\d{2,} entries checked, 0 broken chain\(s\)/)
    const before = await counts()
    const again = await cli('scripts/seed-demo.ts')
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('demo tenant already present; nothing changed')
    expect(await counts()).toEqual(before)
  })

  it('seeds a second tenant into the same database without clashing with the first', async () => {
    const before = await counts()
    const r = await cli('scripts/seed-demo.ts', { SEED_TENANT_SLUG: 'demo-two' })
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/demo tenant seeded/)
    const after = await counts()
    expect(Number(after.o) - Number(before.o)).toBeGreaterThan(60)
    expect((await cli('scripts/audit-verify.ts')).code).toBe(0)
  })

  it('audit:verify exits 1 naming the first entry altered behind the trigger, not the later ones it breaks', async () => {
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = $1', [tenantId])
    const altered = Math.floor(n / 2)
    await t.db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete')
    await t.db.query(`UPDATE audit_log SET data = data || '{"amount": 1}' WHERE tenant_id = $1 AND seq = $2`, [tenantId, altered])
    await t.db.query(`UPDATE audit_log SET action = 'deleted' WHERE tenant_id = $1 AND seq = $2`, [tenantId, altered + 5])
    await t.db.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete')
    const r = await cli('scripts/audit-verify.ts')
    expect(r.code).toBe(1)
    expect(r.stdout.match(/BROKEN .*/g)).toEqual([expect.stringContaining(`tenant ${tenantId} entry #${altered} `)])
    expect(r.stdout).toContain('1 broken chain(s)')
  })
})

describe('the demo history', () => {
  it('is the same history for the same tenant and time, database after database', async () => {
    const config = loadProcessConfig()
    const now = new Date('2026-11-20T02:00:00Z')
    const histories = []
    for (let k = 0; k < 2; k++) {
      const db = await createTestDb()
      try {
        await seedDemo(db.db, { def: definitionOrThrow(config, 'new-customer'), others: [], now, calendar: config.calendar, storageDir: storage, slug: 'same' })
        histories.push(await db.db.query(`SELECT o.id, o.title, o.status, r.node, r.entered_at, r.due_at, r.done_at, r.exit
          FROM opportunity o JOIN node_run r ON r.opportunity_id = o.id ORDER BY r.id`))
      } finally {
        await db.drop()
      }
    }
    expect(histories[0]!.length).toBeGreaterThan(300)
    expect(histories[1]).toEqual(histories[0])
  })
})
