/**
 * npm run bench:sweep
 *
 * The reminder sweep's query over 1,000,000 open node runs of which 1 % are due, in a scratch database
 * (migrated, bulk-filled with generate_series). Baseline in the same run: a plain indexed count of the same
 * due rows (an index-only count, the least any query touching those 10,000 rows can cost).
 * Also shown: the same sweep with index scans disabled, i.e. what it would cost without the partial index.
 */
import { findDueReminders } from '../io/db/node-run.repo.js'
import { createTestDb } from '../test/setup/test-db.js'

const OPEN = Number(process.env.BENCH_ROWS ?? 1_000_000)
const DUE_SHARE = 0.01
const RUNS = 5

const t = await createTestDb({ empty: true })
try {
  await t.db.runMigrations()
  const tenant = '11111111-1111-4111-8111-111111111111'
  const t0 = performance.now()
  // Open runs spread over 100,000 opportunities; every 100th is due (in the past), the rest due from tomorrow on.
  await t.db.query(`INSERT INTO node_run (tenant_id, opportunity_id, node, entered_at, due_at, reminder_level, next_reminder_at)
    SELECT $1::uuid, md5('opp' || (g % 100000))::uuid, 'visit', now() - interval '3 days', now() - interval '1 day', 0,
      CASE WHEN g % 100 = 0 THEN now() - (g % 3600) * interval '1 second' ELSE now() + interval '1 day' + (g % 43200) * interval '1 minute' END
    FROM generate_series(1, $2::int) g`, [tenant, OPEN])
  // Closed history beside it, as a live system has: the partial index leaves it out.
  await t.db.query(`INSERT INTO node_run (tenant_id, opportunity_id, node, entered_at, due_at, done_at, exit, reminder_level, next_reminder_at)
    SELECT $1::uuid, md5('opp' || (g % 100000))::uuid, 'screening', now() - interval '30 days', now() - interval '28 days',
      now() - interval '27 days', 'advanced', 1, NULL FROM generate_series(1, $2::int) g`, [tenant, OPEN])
  await t.db.query('ANALYZE node_run')
  console.log(`filled ${OPEN.toLocaleString()} open + ${OPEN.toLocaleString()} closed runs in ${((performance.now() - t0) / 1000).toFixed(1)} s`)

  const now = new Date()
  const due = Math.round(OPEN * DUE_SHARE)
  const median = async (fn: () => Promise<unknown>) => {
    const times: number[] = []
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now()
      await fn()
      times.push(performance.now() - s)
    }
    return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!
  }
  const found = await findDueReminders(t.db.manager, now, due + 1)
  if (found.length !== due) throw new Error(`sweep found ${found.length}, expected ${due}`)
  const sweepMs = await median(() => findDueReminders(t.db.manager, now, due))
  const batchMs = await median(() => findDueReminders(t.db.manager, now, 1000))
  const countMs = await median(() => t.db.query(`SELECT count(*) FROM node_run WHERE done_at IS NULL AND next_reminder_at <= $1`, [now]))
  const plan = (await t.db.query(`EXPLAIN SELECT id FROM node_run WHERE done_at IS NULL AND next_reminder_at <= $1 ORDER BY next_reminder_at LIMIT 1000`, [now]))
    .map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join(' | ')
  const seqMs = await t.db.transaction(async (tx) => {
    await tx.query('SET LOCAL enable_indexscan = off')
    await tx.query('SET LOCAL enable_bitmapscan = off')
    const s = performance.now()
    await findDueReminders(tx, now, due)
    return performance.now() - s
  })
  console.log(`plan: ${plan}`)
  console.log(`sweep, all ${due.toLocaleString()} due of ${OPEN.toLocaleString()} open: ${sweepMs.toFixed(1)} ms (target < 1000 ms)`)
  console.log(`sweep, one batch of 1,000: ${batchMs.toFixed(1)} ms`)
  console.log(`baseline, indexed count of the same ${due.toLocaleString()} due rows: ${countMs.toFixed(1)} ms`)
  console.log(`ratio sweep/baseline: ${(sweepMs / countMs).toFixed(1)}x; batch/baseline: ${(batchMs / countMs).toFixed(1)}x`)
  console.log(`without the partial index (seq scan): ${seqMs.toFixed(1)} ms — ${(seqMs / sweepMs).toFixed(1)}x the sweep`)
} finally {
  await t.drop()
}
