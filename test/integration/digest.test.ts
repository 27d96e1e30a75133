import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dayToIso, toLocal } from '../../core/timing/beijing-time.js'
import { buildCalendar } from '../../core/timing/working-calendar.js'
import { openOpportunity } from '../../io/handle-event.js'
import { jobId } from '../../io/queue/queues.js'
import { handleDigestJob } from '../../worker/jobs/digest.job.js'
import { startWorker, type RunningWorker } from '../../worker/run.js'
import { expectEventually } from '../setup/expect-eventually.js'
import { createWorld, type World } from './fixtures/sales-world.js'

let w: World
let worker: RunningWorker
const today = () => dayToIso(toLocal(new Date()).day)
const digests = (user: string) => w.fake.sent.filter((m) => m.touser.includes(user) && !m.duplicate && m.msgtype === 'markdown')
  .map((m) => JSON.stringify(m.body))
const runDigest = (date: string) => w.rt.queues.add('digest', { tenantId: w.tenantId, date }, { jobId: jobId('digest', w.tenantId, date, Date.now()) })

beforeAll(async () => {
  w = await createWorld()
  worker = await startWorker(w.rt, { config: w.config })
  // The rep's opportunity has been in its one-minute node for ten minutes: a red cell.
  const r = await openOpportunity({ db: w.t.db, queues: w.rt.queues, config: w.config, log: w.rt.log }, { tenantId: w.tenantId,
    customerId: w.customerId, ownerId: w.m.rep.id, title: '彩超设备更新', processId: 'quick', actor: 'test' }, new Date(Date.now() - 600_000))
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  await w.t.db.query(`INSERT INTO task (tenant_id, assignee_id, title, due_at, idempotency_key) VALUES ($1, $2, '回访浙大一院', now(), 'digest_t1')`,
    [w.tenantId, w.m.rep.id])
  await w.t.db.query(`INSERT INTO activity (tenant_id, member_id, kind, summary, occurred_at, received_at)
    VALUES ($1, $2, 'visit_plan', '拜访浙大一院设备科', date_trunc('day', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai' + interval '15 hours', now())`,
    [w.tenantId, w.m.rep.id])
})
afterAll(async () => {
  await worker.close()
  await w.close()
})

describe('daily digest', () => {
  it('is scheduled for 08:30 Beijing time by default', async () => {
    const s = await w.rt.queues.queue('digest').getJobScheduler('digest-daily')
    expect(s).toMatchObject({ pattern: '30 8 * * *', tz: 'Asia/Shanghai' })
  })

  it('gives the rep overdue nodes, tasks and planned visits, and each manager above the team\'s red cells — once a day', async () => {
    await runDigest(today())
    await expectEventually(() => {
      expect(digests('rep1')).toHaveLength(1)
      expect(digests('lead1')).toHaveLength(1)
      expect(digests('dir1')).toHaveLength(1)
    }, 20_000)
    const rep = digests('rep1')[0]!
    for (const s of ['超时节点', '浙大一院 · 首次拜访', '待办任务', '回访浙大一院', '计划拜访', '15:00 拜访浙大一院设备科']) expect(rep).toContain(s)
    expect(rep).not.toContain('团队红灯')
    for (const who of ['lead1', 'dir1']) expect(digests(who)[0]).toMatch(/团队红灯.*李娜：浙大一院 · 首次拜访/)
    // Members with nothing to do get nothing; a second run the same day sends nothing new.
    expect(digests('tb')).toHaveLength(0)
    await runDigest(today())
    await expectEventually(async () => expect(await w.rt.queues.queue('digest').getJobCounts('waiting', 'active')).toEqual({ waiting: 0, active: 0 }))
    const keys = await w.t.db.query(`SELECT idempotency_key FROM outbox WHERE kind = 'digest' ORDER BY 1`)
    expect(keys.map((k: { idempotency_key: string }) => k.idempotency_key))
      .toEqual([w.m.director.id, w.m.lead.id, w.m.rep.id].map((id) => `digest_${id}_${today()}`).sort())
    expect(digests('rep1')).toHaveLength(1)
  })

  it('sends nothing on a day off in the calendar', async () => {
    const holiday = today()
    const config = { ...w.config, calendar: buildCalendar({ start: '09:00', end: '18:00' }, [{ year: Number(holiday.slice(0, 4)), holidays: [holiday], workdays: [] }]) }
    await w.t.db.query(`DELETE FROM outbox WHERE kind = 'digest'`)
    await handleDigestJob(config)({ tenantId: w.tenantId, date: holiday }, { rt: w.rt, log: w.rt.log, jobId: 'manual', now: () => new Date() })
    expect((await w.t.db.query(`SELECT count(*)::int AS n FROM outbox WHERE kind = 'digest'`))[0].n).toBe(0)
  })
})
