import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listOpenTasks } from '../../io/db/task.repo.js'
import { enqueueRuleEvent } from '../../io/effects.js'
import { openOpportunity, type ShellDeps } from '../../io/handle-event.js'
import { startWorker, type RunningWorker } from '../../worker/run.js'
import { expectEventually } from '../setup/expect-eventually.js'
import { createWorld, type World } from './fixtures/sales-world.js'

let w: World
let worker: RunningWorker
let shell: ShellDeps

const texts = (user: string) => w.fake.sent.filter((m) => m.touser.includes(user) && !m.duplicate && m.msgtype === 'text')
  .map((m) => JSON.stringify(m.body))
const tasksOf = async (opportunityId: string) => await w.t.db.query(
  `SELECT assignee_id, kind, title, due_at FROM task WHERE opportunity_id = $1 ORDER BY created_at`, [opportunityId],
) as { assignee_id: string; kind: string; title: string; due_at: Date | null }[]

async function open(title: string) {
  const r = await openOpportunity(shell, { tenantId: w.tenantId, customerId: w.customerId, ownerId: w.m.rep.id, title, processId: 'quick',
    actor: 'test' }, new Date())
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return r.value.opportunityId
}
const fieldChanged = (opportunityId: string, field: string, to: unknown) => enqueueRuleEvent(w.rt.queues, {
  tenantId: w.tenantId, opportunityId, event: { type: 'field.changed', field, from: null, to }, key: `${field}-${String(to)}`,
})

beforeAll(async () => {
  w = await createWorld()
  shell = { db: w.t.db, queues: w.rt.queues, config: w.config, log: w.rt.log }
  worker = await startWorker(w.rt, { config: w.config, digest: false })
  // The busier specialist already has three open tasks, the freer one a single one.
  for (const [who, n] of [[w.m.tenderBusy, 3], [w.m.tenderFree, 1]] as const) {
    for (let i = 0; i < n; i++) {
      await w.t.db.query(`INSERT INTO task (tenant_id, assignee_id, title, idempotency_key) VALUES ($1, $2, '旧任务', $3)`,
        [w.tenantId, who.id, `seed_${who.id}_${i}`])
    }
  }
})
afterAll(async () => {
  await worker.close()
  await w.close()
})

describe('rule actions', () => {
  it.each([
    ['a large amount goes to the least-loaded member with the skill', 800_000, 'tenderFree', '准备招标材料'],
    ['a small amount goes to the owner\'s direct manager', 300_000, 'lead', '主管确认报价'],
  ] as const)('%s', async (_what, amount, who, title) => {
    const opportunityId = await open(`金额 ${amount}`)
    await fieldChanged(opportunityId, 'amount', amount)
    await expectEventually(async () => expect(await tasksOf(opportunityId)).toHaveLength(1), 15_000)
    const [task] = await tasksOf(opportunityId)
    expect(task).toMatchObject({ assignee_id: w.m[who].id, kind: 'task', title })
    // The change itself is saved with the opportunity, and the assignee hears about the task and sees it in 待办.
    const [opp] = await w.t.db.query('SELECT fields FROM opportunity WHERE id = $1', [opportunityId])
    expect(opp.fields.amount).toBe(amount)
    const user = w.m[who].platformUserId
    await expectEventually(() => expect(texts(user).filter((t) => t.includes(title))).toHaveLength(1), 15_000)
    expect((await listOpenTasks(w.t.db.manager, w.tenantId, w.m[who].id)).map((t) => t.title)).toContain(title)
  })

  it('the same event delivered again creates nothing new', async () => {
    const opportunityId = await open('重复事件')
    await fieldChanged(opportunityId, 'amount', 900_000)
    await expectEventually(async () => expect(await tasksOf(opportunityId)).toHaveLength(1), 15_000)
    // A redelivery under another job id (e.g. the inbox sweep) plans the same keys.
    await enqueueRuleEvent(w.rt.queues, { tenantId: w.tenantId, opportunityId,
      event: { type: 'field.changed', field: 'amount', from: null, to: 900_000 }, key: 'amount-again' })
    await expectEventually(async () => expect(await w.rt.queues.queue('rules').getJobCounts('waiting', 'active')).toEqual({ waiting: 0, active: 0 }))
    expect(await tasksOf(opportunityId)).toHaveLength(1)
    expect(texts('tf').filter((t) => t.includes('准备招标材料'))).toHaveLength(2) // one per opportunity so far, none twice
  })

  it('request_review gives the direct manager a review task with a due time, and reminds them when it passes', async () => {
    const opportunityId = await open('教育行业')
    await fieldChanged(opportunityId, 'industry', '教育')
    await expectEventually(async () => expect(await tasksOf(opportunityId)).toHaveLength(1), 15_000)
    const [task] = await tasksOf(opportunityId)
    expect(task).toMatchObject({ assignee_id: w.m.lead.id, kind: 'review', title: '审核教育行业跟进', due_at: expect.any(Date) })
    await expectEventually(() => expect(texts('lead1').filter((t) => t.includes('请审核'))).toHaveLength(1), 15_000)
    // Due 3.6 s after it was asked for: the review's own reminder follows.
    await expectEventually(() => expect(texts('lead1').filter((t) => t.includes('审核已超时'))).toHaveLength(1), 20_000)
  })

  it('an event for an unknown opportunity is logged and changes nothing', async () => {
    const before = (await w.t.db.query('SELECT count(*)::int AS n FROM task'))[0].n
    await enqueueRuleEvent(w.rt.queues, { tenantId: w.tenantId, opportunityId: '00000000-0000-4000-8000-000000000000',
      event: { type: 'field.changed', field: 'amount', from: null, to: 1 }, key: 'ghost' })
    await expectEventually(async () => expect(await w.rt.queues.queue('rules').getJobCounts('waiting', 'active', 'failed'))
      .toEqual({ waiting: 0, active: 0, failed: 0 }))
    expect((await w.t.db.query('SELECT count(*)::int AS n FROM task'))[0].n).toBe(before)
  })
})
