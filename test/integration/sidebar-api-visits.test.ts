import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWorker, type RunningWorker } from '../../worker/run.js'
import { expectEventually } from '../setup/expect-eventually.js'
import { createSidebarWorld, type SidebarWorld } from './sidebar-api-fixture.js'

let w: SidebarWorld
let worker: RunningWorker
let opportunityId = ''
const photos: string[] = []

// Tuesday 24 Nov 2026, working hours in Beijing; West Lake (Hangzhou) and Wenzhou are ~250 km apart.
const HANGZHOU = { lat: 30.2592, lng: 120.1302, accuracy: 30, coordSystem: 'wgs84' as const }
const WENZHOU = { lat: 28.0006, lng: 120.6722, accuracy: 30, coordSystem: 'wgs84' as const }
const visit = (over: Record<string, unknown>) => ({ customerId: w.customerId, opportunityId, deviceAt: '2026-11-24T10:00:00+08:00',
  location: HANGZHOU, photoAttachmentId: photos[0], painPoints: ['现有设备老化'], nextFollowUpAt: null, keywordsHeard: [], ...over })

beforeAll(async () => {
  w = await createSidebarWorld()
  worker = await startWorker(w.rt, { config: w.config, digest: false })
  const rep = await w.login(w.m.rep.id)
  opportunityId = (await rep.post('/api/opportunities').send({ clientId: 'o-1', customerId: w.customerId }).expect(201)).body.id
  for (const n of [1, 2]) {
    const res = await rep.post('/api/attachments').field('clientId', `p-${n}`).field('purpose', 'visit_photo')
      .attach('file', Buffer.from(`photo bytes ${n}`), { filename: `p${n}.jpg`, contentType: 'image/jpeg' }).expect(201)
    photos.push(res.body.id)
  }
})
afterAll(async () => {
  await worker.close()
  await w.close()
})

const visits = () => w.t.db.query(`SELECT id, client_id, device_at, received_at, data FROM activity WHERE kind = 'visit' ORDER BY device_at`) as
  Promise<{ id: string; client_id: string; device_at: Date; received_at: Date; data: Record<string, unknown> }[]>

describe('visits from the sidebar', () => {
  it('says what the form requires', async () => {
    const rep = await w.login(w.m.rep.id)
    expect((await rep.get('/api/visit-form').expect(200)).body).toEqual({ required: ['location', 'photo'], photoWithinM: null })
    expect((await rep.get(`/api/visit-form?opportunityId=${opportunityId}`).expect(200)).body.required).toContain('photo')
  })

  it('refuses a visit without its photo with a clear code, storing nothing', async () => {
    const rep = await w.login(w.m.rep.id)
    const res = await rep.post('/api/visits').send(visit({ clientId: 'v-0', photoAttachmentId: null })).expect(422)
    expect(res.body.error.code).toBe('VISIT_PHOTO_REQUIRED')
    expect(res.body.error.message.zh).toBe('拜访记录需要一张现场照片')
    expect(await visits()).toEqual([])
  })

  it('stores an offline visit once, with device and receive time apart, and turns keywords heard into engine events', async () => {
    const rep = await w.login(w.m.rep.id)
    const body = visit({ clientId: 'v-1', keywordsHeard: ['院长'], nextFollowUpAt: '2026-11-30T09:00:00+08:00' })
    const first = await rep.post('/api/visits').send(body).expect(201)
    const replay = await rep.post('/api/visits').send(body).expect(200)
    expect(replay.body.id).toBe(first.body.id)
    const rows = await visits()
    expect(rows).toHaveLength(1)
    expect(rows[0]!.device_at.toISOString()).toBe('2026-11-24T02:00:00.000Z')
    expect(rows[0]!.received_at.getTime()).toBeGreaterThan(rows[0]!.device_at.getTime())
    expect(rows[0]!.data).toMatchObject({ location: HANGZHOU, photoAttachmentId: photos[0], painPoints: ['现有设备老化'], keywordsHeard: ['院长'], anomalies: [] })
    await expectEventually(async () => {
      const tasks = await w.t.db.query(`SELECT title FROM task WHERE opportunity_id = $1 ORDER BY title`, [opportunityId])
      expect(tasks.map((t: { title: string }) => t.title)).toEqual(['安排院长拜访', '跟进拜访'])
    }, 30_000)
    const outsider = await w.login(w.m.tenderBusy.id)
    await outsider.post('/api/visits').send(visit({ clientId: 'v-x' })).expect(403)
  })

  it('flags an impossible itinerary and a reused photo on the visit, without blocking it', async () => {
    const rep = await w.login(w.m.rep.id)
    const far = await rep.post('/api/visits').send(visit({ clientId: 'v-2', deviceAt: '2026-11-24T10:40:00+08:00', location: WENZHOU,
      photoAttachmentId: photos[1] })).expect(201)
    const reused = await rep.post('/api/visits').send(visit({ clientId: 'v-3', deviceAt: '2026-11-24T15:00:00+08:00', location: WENZHOU,
      photoAttachmentId: photos[1] })).expect(201)
    const byId = new Map((await visits()).map((v) => [v.id, v.data.anomalies]))
    expect(byId.get(far.body.id)).toContain('IMPOSSIBLE_SPEED')
    expect(byId.get(reused.body.id)).toContain('PHOTO_REUSED')
    expect(byId.get(reused.body.id)).not.toContain('IMPOSSIBLE_SPEED')
  })

  it('stores exactly one visit when the offline queue sends the same submission several times at once', async () => {
    const rep = await w.login(w.m.rep.id)
    const body = visit({ clientId: 'v-burst', deviceAt: '2026-11-25T10:00:00+08:00' })
    const answers = await Promise.all([1, 2, 3].map(() => rep.post('/api/visits').send(body)))
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201])
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1)
    expect(await w.t.db.query(`SELECT count(*)::int AS n FROM activity WHERE client_id = 'v-burst'`)).toEqual([{ n: 1 }])
  })
})
