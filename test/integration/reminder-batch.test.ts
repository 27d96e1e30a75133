import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeOutbox } from '../../io/db/outbox.repo.js'
import { advanceDecision, handleEvent, openOpportunity, type ShellDeps } from '../../io/handle-event.js'
import { startWorker } from '../../worker/run.js'
import type { JobContext } from '../../worker/job-context.js'
import { escalateBatch } from '../../worker/jobs/escalate-batch.js'
import { outboxBatches } from '../../worker/jobs/outbox-batches.js'
import { handleRemindersJob } from '../../worker/jobs/reminders.job.js'
import { expectEventually } from '../setup/expect-eventually.js'
import { createWorld, quickConfig, TEST_PROCESS_YAML, type World } from './fixtures/sales-world.js'

let w: World
let shell: ShellDeps
const ctx = (): JobContext => ({ rt: w.rt, log: w.rt.log, jobId: 'test', now: () => new Date() })

/** An opportunity that entered its one-minute node 150 s ago: level 1 (owner) is due, whatever the minute rounding. */
async function overdue(title: string, d: ShellDeps = shell) {
  const r = await openOpportunity(d, { tenantId: w.tenantId, customerId: w.customerId, ownerId: w.m.rep.id, title, processId: 'quick', actor: 'test' },
    new Date(Date.now() - 150_000))
  if (!r.ok || !r.value.nodeRunId) throw new Error(JSON.stringify(r.ok ? r.value : r.error))
  return { opportunityId: r.value.opportunityId, nodeRunId: r.value.nodeRunId }
}
const level1 = (runs: { nodeRunId: string }[]) => runs.map((r) => ({ tenantId: w.tenantId, nodeRunId: r.nodeRunId, level: 1 }))
const outboxOf = async (runId: string) => (await w.t.db.query(
  `SELECT idempotency_key, recipient_id, payload FROM outbox WHERE idempotency_key LIKE $1 ORDER BY idempotency_key`, [`reminder_${runId}_%`],
)) as { idempotency_key: string; recipient_id: string; payload: { card: { title: string; fields: { value: string }[] } } }[]
const levelOf = async (runId: string) => ((await w.t.db.query('SELECT reminder_level FROM node_run WHERE id = $1', [runId]))[0] as { reminder_level: number }).reminder_level

beforeAll(async () => {
  w = await createWorld()
  shell = { db: w.t.db, queues: w.rt.queues, config: w.config, log: w.rt.log }
})
afterAll(async () => { await w.close() })

describe('reminders escalated in batches', () => {
  it('sends level 1 of every open run in the batch, and skips the one completed meanwhile', async () => {
    const runs = [await overdue('批次 A'), await overdue('批次 B'), await overdue('批次 C')]
    expect((await handleEvent(shell, { tenantId: w.tenantId, opportunityId: runs[1]!.opportunityId, actor: w.m.rep.id }, new Date(), advanceDecision())).ok).toBe(true)
    expect(await escalateBatch(shell, w.tenantId, level1(runs), new Date())).toEqual(['done', 'done', 'done'])
    for (const r of [runs[0]!, runs[2]!]) {
      const rows = await outboxOf(r.nodeRunId)
      expect(rows.map((x) => x.idempotency_key)).toEqual([`reminder_${r.nodeRunId}_1_${w.m.rep.id}`])
      expect(JSON.stringify(rows[0]!.payload)).toMatch(/浙大一院.*首次拜访.*已超时.*已跟进.*延期1天.*查看记录/)
      expect(await levelOf(r.nodeRunId)).toBe(1)
    }
    expect(await outboxOf(runs[1]!.nodeRunId)).toEqual([])
    expect(await levelOf(runs[1]!.nodeRunId)).toBe(0)
    // The same batch again (a retried job) adds nothing.
    await escalateBatch(shell, w.tenantId, level1(runs), new Date())
    expect((await outboxOf(runs[0]!.nodeRunId))).toHaveLength(1)
  })

  it('level 2 goes to the owner and the direct manager from the org data, no one further up', async () => {
    const r = await openOpportunity(shell, { tenantId: w.tenantId, customerId: w.customerId, ownerId: w.m.rep.id, title: '二级提醒', processId: 'quick',
      actor: 'test' }, new Date(Date.now() - 210_000)) // level 2 is due too, level 3 not yet
    if (!r.ok || !r.value.nodeRunId) throw new Error('not opened')
    const runId = r.value.nodeRunId
    await escalateBatch(shell, w.tenantId, [{ nodeRunId: runId, level: 1 }], new Date())
    expect(await escalateBatch(shell, w.tenantId, [{ nodeRunId: runId, level: 2 }], new Date())).toEqual(['done'])
    expect((await outboxOf(runId)).map((x) => x.idempotency_key)).toEqual([
      `reminder_${runId}_1_${w.m.rep.id}`, `reminder_${runId}_2_${w.m.lead.id}`, `reminder_${runId}_2_${w.m.rep.id}`,
    ].sort())
    expect(JSON.stringify((await outboxOf(runId)).find((x) => x.recipient_id === w.m.lead.id)!.payload)).toContain('负责人 李娜')
    expect(await levelOf(runId)).toBe(2)
  })

  it('two workers escalating the same runs at once write each reminder once, and each member gets it once', async () => {
    const runs = await Promise.all(Array.from({ length: 12 }, (_, i) => overdue(`并发批次 ${i}`)))
    const [one, two] = [handleRemindersJob(w.config), handleRemindersJob(w.config)]
    const jobs = level1(runs)
    await Promise.all([...jobs.map((p) => one(p, ctx())), ...[...jobs].reverse().map((p) => two(p, ctx()))])
    for (const r of runs) {
      expect((await outboxOf(r.nodeRunId)).map((x) => x.idempotency_key)).toEqual([`reminder_${r.nodeRunId}_1_${w.m.rep.id}`])
      expect(await levelOf(r.nodeRunId)).toBe(1)
    }
    const worker = await startWorker(w.rt, { config: w.config, digest: false })
    try {
      const level1Cards = (runId: string) => w.fake.sent.filter((m) => !m.duplicate && JSON.stringify(m.body).includes(`"task_id":"reminder_${runId}_1_`))
      await expectEventually(() => runs.forEach((r) => expect(level1Cards(r.nodeRunId)).toHaveLength(1)), 30_000, 200)
      await expectEventually(async () => expect(await w.rt.queues.queue('notify').getJobCounts('waiting', 'active')).toEqual({ waiting: 0, active: 0 }))
      runs.forEach((r) => expect(level1Cards(r.nodeRunId)).toHaveLength(1))
    } finally {
      await worker.close()
    }
  }, 60_000)

  it('an opportunity another transaction holds is left out of the batch, then reminded once when it is free', async () => {
    const runs = [await overdue('锁定 A'), await overdue('锁定 B')]
    const holder = w.t.db.createQueryRunner()
    await holder.startTransaction()
    try {
      await holder.query('SELECT 1 FROM opportunity WHERE id = $1 FOR UPDATE', [runs[0]!.opportunityId])
      expect(await escalateBatch(shell, w.tenantId, level1(runs), new Date())).toEqual(['single', 'done'])
      expect(await outboxOf(runs[0]!.nodeRunId)).toEqual([])
      expect(await outboxOf(runs[1]!.nodeRunId)).toHaveLength(1)
      const job = handleRemindersJob(w.config)(level1(runs)[0]!, ctx()) // waits for the lock on the single path
      await holder.commitTransaction()
      await job
    } finally {
      if (holder.isTransactionActive) await holder.rollbackTransaction()
      await holder.release()
    }
    expect((await outboxOf(runs[0]!.nodeRunId)).map((x) => x.idempotency_key)).toEqual([`reminder_${runs[0]!.nodeRunId}_1_${w.m.rep.id}`])
  })

  it('a node.overdue rule still acts: its task is created along with the reminder, once', async () => {
    const config = quickConfig(`${TEST_PROCESS_YAML}
  - id: overdue-task
    trigger: { on: node.overdue, node: visit, level: 1 }
    then:
      - { do: create_task, title: { zh: 主管跟进超时拜访, en: Manager follows up }, assignee: direct_manager }
`)
    const d = { ...shell, config }
    const runs = [await overdue('规则 A', d), await overdue('规则 B', d)]
    const handler = handleRemindersJob(config)
    await Promise.all(level1(runs).map((p) => handler(p, ctx())))
    await Promise.all(level1(runs).map((p) => handler(p, ctx()))) // a retry changes nothing
    for (const r of runs) {
      expect(await outboxOf(r.nodeRunId)).toHaveLength(1)
      const tasks = await w.t.db.query(`SELECT assignee_id FROM task WHERE opportunity_id = $1 AND title = '主管跟进超时拜访'`, [r.opportunityId])
      expect(tasks).toEqual([{ assignee_id: w.m.lead.id }])
    }
  })
})

describe('notify claims in batches', () => {
  it('two jobs for one outbox row claimed in the same batch: only one may send it', async () => {
    const write = (key: string) => writeOutbox(w.t.db.manager, { tenantId: w.tenantId, idempotencyKey: `${key}_${Date.now()}`, channel: 'wecom',
      recipientId: w.m.rep.id, kind: 'notify', payload: { kind: 'text', text: '一次' }, notBefore: new Date() })
    const [other, row] = [await write('claim_other'), await write('claim_twice')]
    const batches = outboxBatches()
    // The first claim goes alone; the two for `row` arrive while it is in flight and go together.
    const [, ...claims] = await Promise.all([batches.claim(w.tenantId, other.id, ctx(), 60_000),
      batches.claim(w.tenantId, row.id, ctx(), 60_000), batches.claim(w.tenantId, row.id, ctx(), 60_000)])
    expect(claims.filter((c) => c !== null)).toEqual([expect.objectContaining({ id: row.id, platformUserId: 'rep1', attempts: 1 })])
    expect(await batches.claim(w.tenantId, row.id, ctx(), 60_000)).toBeNull() // held under its lease
  })
})
