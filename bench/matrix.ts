/**
 * npm run bench:matrix   (tsx bench/matrix.ts; BENCH_OPPS to change the size)
 *
 * The process-health matrix for a manager over 100 reps × 100,000 opportunities × 7 nodes (700,000 node runs over
 * the last year), in a scratch database (migrated, bulk-filled with generate_series). What is timed is what
 * GET /api/dashboard/matrix does: the manager's scope (recursive CTE), the rows, the per-cell status counts and
 * the shaping in core. Baseline in the same run: a plain count(*) over the same node_run rows of the same period.
 * Two periods: the page's default (last 30 days, the target) and the whole year (every run). The counts come from
 * idx_node_run_period (migration 1795820000000) by an index-only scan, which needs the visibility map that autovacuum
 * keeps: after the bulk fill the bench runs VACUUM ANALYZE as autovacuum would.
 */
import { buildMatrix } from '../core/dashboard/matrix.js'
import { matrixCounts, matrixMembers, scopeOf, type Period } from '../io/db/dashboard.repo.js'
import { createTestDb } from '../test/setup/test-db.js'

const OPPS = Number(process.env.BENCH_OPPS ?? 100_000)
const REPS = 100
const NODES = ['screening', 'appointment', 'needs', 'demo', 'objection', 'quote', 'contract']
const RUNS = 5
const TARGET_MS = 150
const tenant = '11111111-1111-4111-8111-111111111111'
const manager = '22222222-2222-4222-8222-222222222222'

const t = await createTestDb({ empty: true })
try {
  await t.db.runMigrations()
  const t0 = performance.now()
  await t.db.query(`INSERT INTO member (tenant_id, id, platform_user_id, name, role) VALUES ($1, $2, 'boss', '主管', 'manager')`, [tenant, manager])
  await t.db.query(`INSERT INTO member (tenant_id, id, platform_user_id, name, role, manager_id)
    SELECT $1::uuid, md5('rep' || g)::uuid, 'rep' || g, '代表' || g, 'rep', $2::uuid FROM generate_series(1, $3::int) g`, [tenant, manager, REPS])
  await t.db.query(`INSERT INTO opportunity (tenant_id, id, customer_id, owner_id, title, process_id, definition_version, current_node)
    SELECT $1::uuid, md5('opp' || g)::uuid, md5('cust' || (g % 5000))::uuid, md5('rep' || (1 + g % $3::int))::uuid, '商机' || g, 'default', '1', 'contract'
    FROM generate_series(1, $2::int) g`, [tenant, OPPS, REPS])
  // Each opportunity starts on a day of the last year and passes the 7 nodes a day apart; about 1 run in 10 is late
  // (made up), 1 in 20 is still open past its due time (overdue), the newest ones are open.
  await t.db.query(`INSERT INTO node_run (tenant_id, opportunity_id, node, entered_at, due_at, done_at, exit)
    SELECT $1::uuid, md5('opp' || g)::uuid, ($3::text[])[n + 1], s, s + interval '1 day',
      CASE WHEN (g + n) % 20 = 0 OR s > now() - interval '1 day' THEN NULL
           WHEN (g + n) % 10 = 1 THEN s + interval '2 days' ELSE s + interval '12 hours' END,
      CASE WHEN (g + n) % 20 = 0 OR s > now() - interval '1 day' THEN NULL ELSE 'advanced' END
    FROM generate_series(1, $2::int) g, generate_series(0, 6) n,
      LATERAL (SELECT now() - (g % 365) * interval '1 day' - interval '7 days' + n * interval '1 day' AS s) x`, [tenant, OPPS, NODES])
  await t.db.query('VACUUM ANALYZE')
  const [{ runs }] = await t.db.query('SELECT count(*)::int AS runs FROM node_run') as [{ runs: number }]
  console.log(`filled ${REPS} reps, ${OPPS.toLocaleString()} opportunities, ${runs.toLocaleString()} node runs in ${((performance.now() - t0) / 1000).toFixed(1)} s`)

  const median = async (fn: () => Promise<unknown>) => {
    const times: number[] = []
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now()
      await fn()
      times.push(performance.now() - s)
    }
    return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!
  }
  const now = new Date()
  const matrix = async (p: Period) => {
    const scope = await scopeOf(t.db.manager, tenant, manager)
    const ids = scope.all ? null : scope.memberIds
    const [members, counts] = await Promise.all([matrixMembers(t.db.manager, tenant, ids, p), matrixCounts(t.db.manager, tenant, ids, p)])
    return buildMatrix(members, NODES, counts)
  }
  const measure = async (variant: string) => {
    for (const [label, days] of [['last 30 days', 30], ['whole year', 400]] as const) {
      const p: Period = { processId: 'default', from: new Date(now.getTime() - days * 86_400_000), to: now, now }
      const m = await matrix(p)
      const total = m.rows.reduce((s, r) => s + r.cells.reduce((x, c) => x + c.total, 0), 0)
      const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM node_run WHERE tenant_id = $1 AND entered_at >= $2 AND entered_at < $3', [tenant, p.from, p.to]) as [{ n: number }]
      if (m.rows.length !== REPS || total !== n) throw new Error(`matrix holds ${m.rows.length} rows / ${total} runs, expected ${REPS} / ${n}`)
      const matrixMs = await median(() => matrix(p))
      const countMs = await median(() => t.db.query('SELECT count(*) FROM node_run WHERE tenant_id = $1 AND entered_at >= $2 AND entered_at < $3', [tenant, p.from, p.to]))
      console.log(`${variant} · ${label}: ${n.toLocaleString()} runs · matrix ${matrixMs.toFixed(1)} ms (target < ${TARGET_MS}) · plain count ${countMs.toFixed(1)} ms · ratio ${(matrixMs / countMs).toFixed(2)}× ${matrixMs < TARGET_MS ? 'OK' : 'OVER TARGET'}`)
    }
  }
  await measure('schema as migrated')
} finally {
  await t.drop()
}
