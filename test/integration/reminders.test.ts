import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { QueueKit } from '../../io/queue/queue-kit.js'
import { notifyJobId } from '../../io/queue/enqueue-outbox.js'
import { sweepReminders } from '../../worker/jobs/sweep-reminders.js'
import { TEST_REDIS_URL } from '../setup/env.js'
import { advanceDecision, handleEvent, openOpportunity, type ShellDeps } from '../../io/handle-event.js'
import { snoozeNodeRun } from '../../io/db/node-run.repo.js'
import { enqueueReminders } from '../../io/effects.js'
import { startWorker, type RunningWorker } from '../../worker/run.js'
import { expectEventually } from '../setup/expect-eventually.js'
import { createWorld, type World } from './fixtures/sales-world.js'

let w: World
let worker: RunningWorker
let shell: ShellDeps

/** Reminder cards for one node run received by a WeCom user, duplicate-checked resends left out. */
const cards = (user: string, runId: string, level?: number) => w.fake.sent.filter((m) => m.touser.includes(user) && !m.duplicate
  && m.msgtype === 'template_card' && JSON.stringify(m.body).includes(`"task_id":"reminder_${runId}_${level ?? ''}`))
const outboxKeys = async (runId: string) => (await w.t.db.query(
  `SELECT idempotency_key FROM outbox WHERE idempotency_key LIKE $1 ORDER BY idempotency_key`, [`reminder_${runId}_%`],
) as { idempotency_key: string }[]).map((r) => r.idempotency_key)
const runRow = async (id: string) => (await w.t.db.query('SELECT reminder_level, next_reminder_at, done_at FROM node_run WHERE id = $1', [id]))[0] as
  { reminder_level: number; next_reminder_at: Date | null; done_at: Date | null }

/**
 * Working time counts whole minutes, so a run's level-2 reminder (two minutes after entry) falls on a
 * minute boundary. This opens one whose level 1 is due about now and whose level 2 falls on the first
 * whole minute at least `lead` ms ahead.
 */
async function openWithLevel2In(lead: number, title = '彩超设备更新') {
  const level2 = Math.ceil((Date.now() + lead) / 60_000) * 60_000
  const r = await openOpportunity(shell, { tenantId: w.tenantId, customerId: w.customerId, ownerId: w.m.rep.id, title, processId: 'quick',
    actor: 'test' }, new Date(level2 - 120_000))
  if (!r.ok || !r.value.nodeRunId) throw new Error(JSON.stringify(r.ok ? r.value : r.error))
  return { ...r.value, nodeRunId: r.value.nodeRunId, level2: new Date(level2) }
}

beforeAll(async () => {
  w = await createWorld()
  shell = { db: w.t.db, queues: w.rt.queues, config: w.config, log: w.rt.log }
  worker = await startWorker(w.rt, { config: w.config, digest: false })
})
afterAll(async () => {
  await worker.close()
  await w.close()
})

describe('overdue reminders', () => {
  it('tells the owner once, then the owner and the direct manager once, each a card with the facts', async () => {
    const { nodeRunId, level2 } = await openWithLevel2In(15_000)
    await expectEventually(() => expect(cards('rep1', nodeRunId, 1)).toHaveLength(1), 25_000)
    expect(Date.now()).toBeLessThan(level2.getTime()) // what follows shows the second level was not sent early
    expect(cards('lead1', nodeRunId)).toHaveLength(0)
    const body = JSON.stringify(cards('rep1', nodeRunId, 1)[0]!.body)
    for (const text of ['浙大一院', '首次拜访', '已超时', '已跟进', '延期1天', '查看记录', `snooze_${nodeRunId}`]) expect(body).toContain(text)

    await expectEventually(() => expect(cards('lead1', nodeRunId, 2)).toHaveLength(1), 90_000)
    expect(cards('lead1', nodeRunId, 2)[0]!.at.getTime()).toBeGreaterThanOrEqual(level2.getTime())
    await expectEventually(() => expect(cards('rep1', nodeRunId, 2)).toHaveLength(1), 10_000)
    expect(JSON.stringify(cards('lead1', nodeRunId, 2)[0]!.body)).toContain('负责人 李娜')
    expect(cards('rep1', nodeRunId)).toHaveLength(2)
    expect(cards('dir1', nodeRunId)).toHaveLength(0)
    expect(await outboxKeys(nodeRunId)).toEqual([
      `reminder_${nodeRunId}_1_${w.m.rep.id}`, `reminder_${nodeRunId}_2_${w.m.lead.id}`, `reminder_${nodeRunId}_2_${w.m.rep.id}`,
    ].sort())
    const run = await runRow(nodeRunId)
    expect(run.reminder_level).toBe(2)
    expect(run.next_reminder_at!.getTime()).toBeGreaterThan(Date.now()) // level 3, four minutes on
  }, 150_000)

  it('quotes the last three communication summaries, newest first', async () => {
    // Level 1 falls due a minute before level 2: leave at least 15 s to record the summaries before it fires.
    const { nodeRunId, opportunityId } = await openWithLevel2In(75_000, '三条纪要')
    for (const [i, s] of ['第一次电话', '第二次拜访', '第三次报价沟通', '第四次确认需求'].entries()) {
      await w.t.db.query(`INSERT INTO activity (tenant_id, opportunity_id, kind, summary, occurred_at, received_at)
        VALUES ($1, $2, 'call', $3, now() - make_interval(mins => $4), now())`, [w.tenantId, opportunityId, s, 10 - i])
    }
    await expectEventually(() => expect(cards('rep1', nodeRunId, 1)).toHaveLength(1), 100_000)
    const body = JSON.stringify(cards('rep1', nodeRunId, 1)[0]!.body)
    expect(body).toMatch(/第四次确认需求.*第三次报价沟通.*第二次拜访/)
    expect(body).not.toContain('第一次电话')
  }, 130_000)

  it('completing the node before level 2 cancels it: no job left, and a stray job does nothing', async () => {
    const { nodeRunId, opportunityId } = await openWithLevel2In(25_000)
    await expectEventually(() => expect(cards('rep1', nodeRunId, 1)).toHaveLength(1), 25_000)
    const pending = await runRow(nodeRunId)
    expect(pending.next_reminder_at).not.toBeNull()
    const done = await handleEvent(shell, { tenantId: w.tenantId, opportunityId, actor: w.m.rep.id }, new Date(), advanceDecision())
    expect(done.ok).toBe(true)
    expect(await runRow(nodeRunId)).toMatchObject({ next_reminder_at: null, done_at: expect.any(Date) })
    const jobs = await w.rt.queues.queue('reminders').getJobs(['delayed', 'waiting'])
    expect(jobs.filter((j) => j.data.nodeRunId === nodeRunId)).toHaveLength(0)
    // Even if a copy of the old job survives somewhere, firing it sends nothing.
    await enqueueReminders(w.rt.queues, [{ tenantId: w.tenantId, nodeRunId, level: 2, at: new Date() }])
    await expectEventually(async () => expect(await w.rt.queues.queue('reminders').getJobCounts('waiting', 'active', 'delayed'))
      .toEqual({ waiting: 0, active: 0, delayed: expect.any(Number) }), 10_000)
    expect(await outboxKeys(nodeRunId)).toEqual([`reminder_${nodeRunId}_1_${w.m.rep.id}`])
    expect(cards('lead1', nodeRunId)).toHaveLength(0)
  }, 60_000)

  it('延期1天 moves the next reminder one working day later and records who did it', async () => {
    const { nodeRunId } = await openWithLevel2In(25_000)
    await expectEventually(() => expect(cards('rep1', nodeRunId, 1)).toHaveLength(1), 25_000)
    const before = (await runRow(nodeRunId)).next_reminder_at!
    const snoozed = await w.t.db.transaction((tx) => snoozeNodeRun(tx, w.tenantId, nodeRunId, { days: 1, minutes: 0 }, w.m.rep.id, w.config.calendar, new Date()))
    // Every minute works here, so one working day is 24 h (to the minute: working time counts whole minutes).
    expect(snoozed!.at.getTime() - before.getTime()).toBeGreaterThan(86_400_000 - 60_000)
    expect(snoozed!.at.getTime() - before.getTime()).toBeLessThanOrEqual(86_400_000)
    expect((await runRow(nodeRunId)).next_reminder_at!.getTime()).toBe(snoozed!.at.getTime())
    const [audit] = await w.t.db.query(`SELECT actor, action, data FROM audit_log WHERE entity_id = $1`, [nodeRunId])
    expect(audit).toMatchObject({ actor: w.m.rep.id, action: 'reminder.snoozed', data: { level: 2 } })
    // The level-2 job queued before the snooze fires on time and finds the reminder moved.
    await enqueueReminders(w.rt.queues, [{ tenantId: w.tenantId, nodeRunId, level: 2, at: before }])
    await expectEventually(async () => expect((await w.rt.queues.queue('reminders').getJobCounts('waiting', 'active')))
      .toEqual({ waiting: 0, active: 0 }), 10_000)
    expect(await outboxKeys(nodeRunId)).toEqual([`reminder_${nodeRunId}_1_${w.m.rep.id}`])
  }, 60_000)
})

describe('reminders survive Redis and worker failures', () => {
  const prefix = () => w.rt.settings.QUEUE_PREFIX
  /** FLUSHALL, limited to this file's queue prefix: other suites share the Redis. */
  async function flushOurKeys() {
    const redis = new Redis(TEST_REDIS_URL)
    const keys = await redis.keys(`${prefix()}:*`)
    if (keys.length) await redis.del(...keys)
    redis.disconnect()
    return keys.length
  }

  it('after Redis lost every job, a sweep brings the pending reminder back, and it arrives once', async () => {
    const { nodeRunId, level2 } = await openWithLevel2In(20_000)
    await expectEventually(() => expect(cards('rep1', nodeRunId, 1)).toHaveLength(1), 25_000)
    const pendingJobs = async () => (await w.rt.queues.queue('reminders').getJobs(['delayed', 'waiting'])).filter((j) => j.data.nodeRunId === nodeRunId)
    expect(await pendingJobs()).toHaveLength(1)
    expect(await flushOurKeys()).toBeGreaterThan(0)
    expect(await pendingJobs()).toHaveLength(0)
    // Not due yet: the sweep leaves it alone; once due it is queued again (sweeping twice adds nothing).
    expect(await sweepReminders(w.t.db.manager, w.rt.queues, new Date(level2.getTime() - 1_000))).toBe(0)
    await expectEventually(async () => expect(await sweepReminders(w.t.db.manager, w.rt.queues, new Date())).toBeGreaterThan(0), 90_000, 500)
    await sweepReminders(w.t.db.manager, w.rt.queues, new Date())
    await expectEventually(() => expect(cards('lead1', nodeRunId, 2)).toHaveLength(1), 20_000)
    await expectEventually(() => expect(cards('rep1', nodeRunId, 2)).toHaveLength(1), 20_000)
    await sweepReminders(w.t.db.manager, w.rt.queues, new Date())
    await expectEventually(async () => expect(await w.rt.queues.queue('reminders').getJobCounts('waiting', 'active')).toEqual({ waiting: 0, active: 0 }))
    expect(cards('rep1', nodeRunId)).toHaveLength(2)
    expect(cards('lead1', nodeRunId)).toHaveLength(1)
  }, 150_000)

  it('with two workers competing, every reminder is sent once', async () => {
    const second = await startWorker({ ...w.rt, queues: new QueueKit(w.rt.queues.options) }, { config: w.config, digest: false })
    try {
      const runs = await Promise.all(Array.from({ length: 8 }, (_, i) => openWithLevel2In(20_000, `并发 ${i}`)))
      // The sweep races the jobs the shell queued; ids and outbox keys keep it at one each.
      await Promise.all([sweepReminders(w.t.db.manager, w.rt.queues, new Date()), sweepReminders(w.t.db.manager, w.rt.queues, new Date())])
      await expectEventually(() => runs.forEach((r) => expect(cards('rep1', r.nodeRunId, 1)).toHaveLength(1)), 60_000, 200)
      await sweepReminders(w.t.db.manager, w.rt.queues, new Date())
      await expectEventually(async () => expect(await w.rt.queues.queue('notify').getJobCounts('waiting', 'active')).toEqual({ waiting: 0, active: 0 }))
      for (const r of runs) {
        expect(cards('rep1', r.nodeRunId, 1)).toHaveLength(1)
        expect((await outboxKeys(r.nodeRunId)).filter((k) => k.includes('_1_'))).toEqual([`reminder_${r.nodeRunId}_1_${w.m.rep.id}`])
      }
    } finally {
      await second.close()
    }
  }, 90_000)

  it('a worker killed with SIGKILL while WeCom holds its send, then restarted: the member sees the reminder once', async () => {
    await worker.close() // from here on only child processes work the queues
    const producer = new QueueKit(w.rt.queues.options)
    const proxy = await holdingProxy(w.fake.url)
    const env = { ...process.env, ...w.env, DATABASE_URL: w.t.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix(),
      SESSION_SECRET: w.rt.settings.SESSION_SECRET, LOG_LEVEL: 'silent', WECOM_API_BASE: proxy.url, SWEEP_EVERY_MS: '2000' }
    let child = await spawnWorker(env)
    try {
      proxy.hold = true
      shell = { ...shell, queues: producer }
      const { nodeRunId } = await openWithLevel2In(30_000, '断电测试')
      // WeCom accepted the message, but the worker never hears back: it dies between sending and marking sent.
      await expectEventually(() => expect(cards('rep1', nodeRunId, 1)).toHaveLength(1), 40_000, 100)
      await expectEventually(() => expect(proxy.held).toBe(1))
      child.kill('SIGKILL')
      await new Promise((resolve) => child.once('exit', resolve))
      proxy.hold = false
      child = await spawnWorker(env)
      const [row] = await w.t.db.query(`SELECT id, not_before FROM outbox WHERE idempotency_key = $1`, [`reminder_${nodeRunId}_1_${w.m.rep.id}`])
      // The restarted worker takes over the dead one's job (BullMQ's stalled-job check) and finishes it.
      await expectEventually(async () => {
        const job = await producer.queue('notify').getJob(notifyJobId(row.id, row.not_before))
        expect(await job?.getState()).toBe('completed')
      }, 120_000, 500)
      expect(cards('rep1', nodeRunId, 1)).toHaveLength(1)
      expect(w.fake.sent.filter((m) => JSON.stringify(m.body).includes(`reminder_${nodeRunId}_1`))
        .every((m, i) => i === 0 || m.duplicate)).toBe(true)
    } finally {
      child.kill('SIGKILL')
      await proxy.close()
      await producer.close()
    }
  }, 180_000)
})

/** Forwards to the fake WeCom; while `hold` is on, message/send reaches the fake but its answer never comes back. */
async function holdingProxy(target: string) {
  const state = { hold: false, held: 0 }
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const init = { method: req.method ?? 'GET', headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
        ...(req.method === 'POST' ? { body: Buffer.concat(chunks) } : {}) }
      const holding = state.hold && (req.url ?? '').includes('message/send')
      void fetch(`${target}${req.url ?? '/'}`, init).then(async (up) => {
        if (holding) return void state.held++
        res.writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'application/json' })
        res.end(Buffer.from(await up.arrayBuffer()))
      }, () => res.destroy())
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()) }),
  })
}

async function spawnWorker(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'worker-child.ts')], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let err = ''
  child.stderr?.on('data', (c: Buffer) => { err += c.toString() })
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => { if (c.toString().includes('ready')) resolve() })
    child.once('exit', (code) => reject(new Error(`worker child exited ${code}: ${err}`)))
  })
  return child
}
