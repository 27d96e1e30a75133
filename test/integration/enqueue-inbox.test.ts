import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../../io/log.js'
import { enqueueInbox, inboxJobId } from '../../io/queue/enqueue-inbox.js'
import { QueueKit } from '../../io/queue/queue-kit.js'
import type { Runtime } from '../../io/runtime.js'
import { handleEventsJob } from '../../worker/jobs/events.job.js'
import { testRuntime } from '../setup/runtime.js'
import { createTestDb, type TestDb } from '../setup/test-db.js'

const log = createLogger('silent', 'test')
const tenantId = randomUUID()
let t: TestDb
let rt: Runtime

beforeAll(async () => {
  t = await createTestDb()
  rt = testRuntime(t)
})
afterAll(async () => {
  await rt.queues.close()
  await t.drop()
})

const allJobs = async () => rt.queues.queue('events').getJobs(['waiting', 'active', 'completed', 'failed', 'delayed'])

describe('enqueueing stored inbox rows', () => {
  it('adds the rows stored in one tick as one job, and a row on its own as its own job', async () => {
    const results = await Promise.all(['101', '102', '103', '104', '105'].map((id) => enqueueInbox(rt.queues, tenantId, id, { log })))
    expect(results).toEqual([true, true, true, true, true])
    expect(await enqueueInbox(rt.queues, tenantId, '106', { log })).toBe(true)
    const jobs = await allJobs()
    expect(jobs.map((j) => j.data).sort((a, b) => ('rows' in a ? -1 : 1) - ('rows' in b ? -1 : 1))).toEqual([
      { rows: ['101', '102', '103', '104', '105'].map((inboxId) => ({ tenantId, inboxId })) },
      { tenantId, inboxId: '106' },
    ])
    expect((await rt.queues.queue('events').getJob(inboxJobId('106', 0)))?.data).toEqual({ tenantId, inboxId: '106' })
  })

  it('fans a batch job out into one job per row with the ids the sweep uses, once however often it runs', async () => {
    const handle = handleEventsJob({})
    const ctx = { rt, log, jobId: 'batch', now: () => new Date() }
    const rows = ['201', '202', '203'].map((inboxId) => ({ tenantId, inboxId }))
    await handle({ rows }, ctx)
    await handle({ rows }, ctx) // a retried batch job
    for (const r of rows) expect((await rt.queues.queue('events').getJob(inboxJobId(r.inboxId, 0)))?.data).toEqual(r)
    expect((await allJobs()).filter((j) => 'inboxId' in j.data && ['201', '202', '203'].includes(j.data.inboxId))).toHaveLength(3)
  })

  it('answers false instead of failing when Redis is unreachable (the sweep enqueues the rows later)', async () => {
    const dead = new QueueKit({ kind: 'redis', url: 'redis://127.0.0.1:1', prefix: `test-${randomUUID()}` })
    try {
      expect(await Promise.all([enqueueInbox(dead, tenantId, '301', { log }), enqueueInbox(dead, tenantId, '302', { log })])).toEqual([false, false])
    } finally {
      await dead.close()
    }
  })
})
