import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Attachment } from '../../io/db/entities/attachment.entity.js'
import { Deliverable } from '../../io/db/entities/deliverable.entity.js'
import { Quote } from '../../io/db/entities/quote.entity.js'
import { jobId } from '../../io/queue/queues.js'
import { handleSweepJob } from '../../worker/jobs/sweep.job.js'
import { QUOTE_GRACE_MS } from '../../worker/jobs/sweep-quotes.js'
import { startWorker, type RunningWorker } from '../../worker/run.js'
import { expectEventually } from '../setup/expect-eventually.js'
import { createSidebarWorld, type SidebarWorld } from './sidebar-api-fixture.js'

const QUOTES = join(import.meta.dirname, '..', 'fixtures', 'quotes')
type Truth = { file: string; amount: number; validUntil: string; models: string[] }
const truth = (JSON.parse(readFileSync(join(QUOTES, 'truth.json'), 'utf8')) as { images: Truth[] }).images
  .find((x) => x.file === 'q-dev-005.png')!

let w: SidebarWorld
let worker: RunningWorker
let opportunityId = ''

beforeAll(async () => {
  w = await createSidebarWorld()
  worker = await startWorker(w.rt, { config: w.config, digest: false })
  const rep = await w.login(w.m.rep.id)
  opportunityId = (await rep.post('/api/opportunities').send({ clientId: 'o-1', customerId: w.customerId }).expect(201)).body.id
  const m = w.t.db.manager
  for (const [key, kind, data] of [['sign-photo', 'photo', {}], ['summary', 'voice_summary', { text: '主任认可' }]] as const) {
    await m.save(m.create(Deliverable, { tenantId: w.tenantId, opportunityId, node: 'visit', kind, data: { key, ...data }, submittedBy: w.m.rep.id, arrivedAt: new Date() }))
  }
  await rep.post(`/api/opportunities/${opportunityId}/advance`).send({ clientId: 'a-1', fromNode: 'visit' }).expect(200)
})
afterAll(async () => {
  await worker.close()
  await w.close()
})

describe('quote images: OCR, confirmation, deliverable', () => {
  it('reads a quote image fetched with media/get, and the confirmed quote satisfies the deliverable and fires the amount rule', async () => {
    w.fake.setMedia('media-q5', { data: readFileSync(join(QUOTES, truth.file)), contentType: 'image/png' })
    const rep = await w.login(w.m.rep.id)
    const created = await rep.post('/api/quotes').send({ clientId: 'q-1', opportunityId, mediaId: 'media-q5' }).expect(202)
    const again = await rep.post('/api/quotes').send({ clientId: 'q-1', opportunityId, mediaId: 'media-q5' }).expect(202)
    expect(again.body.quoteId).toBe(created.body.quoteId)
    const id = created.body.quoteId as string
    const read = await expectEventually(async () => {
      const s = (await rep.get(`/api/quotes/${id}`).expect(200)).body
      expect(s.status).toBe('pending_confirmation')
      return s
    }, 240_000, 500)
    expect(read.progress).toBe(1)
    expect(read.fields.amount).toBe(truth.amount)
    expect(read.confidence.amount).toBeGreaterThan(0)

    const lows = (read.flags as string[]).filter((f) => f.endsWith('_low_confidence')).map((f) => f.replace('_low_confidence', ''))
    const confirm = { clientId: 'qc-1', amount: truth.amount, models: truth.models, validUntil: truth.validUntil, corrected: false,
      acceptedLowConfidence: lows }
    const done = await rep.post(`/api/quotes/${id}/confirm`).send(confirm).expect(200)
    expect(done.body).toEqual({ quoteId: id, deliverableSatisfied: true })
    expect((await rep.post(`/api/quotes/${id}/confirm`).send(confirm).expect(200)).body).toEqual(done.body)

    const rows = await w.t.db.manager.findBy(Deliverable, { opportunityId, kind: 'quote' })
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ node: 'quote', data: { key: 'quote-sheet', amount: truth.amount, validUntil: truth.validUntil } })
    const q = await w.t.db.manager.findOneByOrFail(Quote, { id })
    expect(q.ocr.amount).toBe(truth.amount) // the OCR reading stays beside what the rep confirmed
    expect(q.confirmed).toMatchObject({ amount: truth.amount, by: w.m.rep.id })
    const card = (await rep.get(`/api/customers/${w.customerId}/card`).expect(200)).body
    expect(card.opportunity.missing).toEqual([])
    expect(card.records[0].kind).toBe('quote')
    // field.changed amount went through the engine's rules: the big-deal task for the owner.
    await expectEventually(async () => {
      const [o] = await w.t.db.query(`SELECT fields->'amount' AS amount FROM opportunity WHERE id = $1`, [opportunityId])
      expect(Number(o.amount)).toBe(truth.amount)
      const tasks = await w.t.db.query(`SELECT title FROM task WHERE opportunity_id = $1`, [opportunityId])
      expect(tasks).toEqual([{ title: '准备招标材料' }])
    }, 30_000)
  })

  it('takes a file upload (stored once by content hash); a file that is not an image fails with a clear code and a message to the rep', async () => {
    const rep = await w.login(w.m.rep.id)
    const bytes = Buffer.from('%PDF-1.4 this is not an image at all')
    const upload = () => rep.post('/api/attachments').field('clientId', 'att-1').field('purpose', 'quote')
      .attach('file', bytes, { filename: 'quote.jpg', contentType: 'image/jpeg' })
    const first = await upload().expect(201)
    expect(first.body.sha256).toBe(createHash('sha256').update(bytes).digest('hex'))
    expect((await upload().expect(201)).body.id).toBe(first.body.id)
    const { quoteId } = (await rep.post('/api/quotes').send({ clientId: 'q-bad', opportunityId, attachmentId: first.body.id }).expect(202)).body
    const failed = await expectEventually(async () => {
      const s = (await rep.get(`/api/quotes/${quoteId}`).expect(200)).body
      expect(s.status).toBe('failed')
      return s
    }, 60_000, 200)
    expect(failed.error.code).toBe('IMAGE_INVALID')
    expect(failed.error.message.zh).toContain('不是有效的图片')
    await expectEventually(() => expect(w.fake.sent.filter((m) => m.touser.includes('rep1') && JSON.stringify(m.body).includes('不是有效的图片')))
      .toHaveLength(1), 30_000)
    await rep.post(`/api/quotes/${quoteId}/confirm`).send({ clientId: 'x', amount: 1, models: [], validUntil: null, corrected: true,
      acceptedLowConfidence: [] }).expect(409)
  })

  it('never accepts a low-confidence field silently, and keeps the quote from anyone outside the customer', async () => {
    const m = w.t.db.manager
    const att = (await w.t.db.query(`SELECT id FROM attachment LIMIT 1`))[0].id
    const q = await m.save(m.create(Quote, { tenantId: w.tenantId, opportunityId, attachmentId: att, createdBy: w.m.rep.id, clientId: 'q-low',
      status: 'pending_confirmation', ocr: { amount: 88000, models: ['CT-9'], quoteDate: null, validUntil: '2027-06-30' },
      confidence: { amount: 0.4, models: 0.9, quoteDate: 0, validUntil: 0.9 }, flags: ['amount_low_confidence', 'quoteDate_missing'] }))
    const outsider = await w.login(w.m.tenderBusy.id)
    await outsider.get(`/api/quotes/${q.id}`).expect(403)
    const rep = await w.login(w.m.rep.id)
    const body = { clientId: 'qc-low', amount: 88000, models: ['CT-9'], validUntil: '2027-06-30', corrected: false, acceptedLowConfidence: [] }
    const refused = await rep.post(`/api/quotes/${q.id}/confirm`).send(body).expect(422)
    expect(refused.body.error.code).toBe('QUOTE_LOW_CONFIDENCE_UNCONFIRMED')
    expect(refused.body.error.message.en).toContain('amount')
    const corrected = await rep.post(`/api/quotes/${q.id}/confirm`).send({ ...body, amount: 98000, corrected: true }).expect(200)
    expect(corrected.body.quoteId).toBe(q.id)
    const after = await m.findOneByOrFail(Quote, { id: q.id })
    expect(after.ocr.amount).toBe(88000)
    expect(after.confirmed).toMatchObject({ amount: 98000, corrected: true })
  })

  it('fails the quote, rather than retrying forever, when the stored image file is gone', async () => {
    const m = w.t.db.manager
    const lost = await m.save(m.create(Attachment, { tenantId: w.tenantId, sha256: 'f'.repeat(64), mime: 'image/png', size: 10,
      storagePath: 'nowhere/ff/lost.png', source: 'sidebar_upload' }))
    const rep = await w.login(w.m.rep.id)
    const { quoteId } = (await rep.post('/api/quotes').send({ clientId: 'q-lost', opportunityId, attachmentId: lost.id }).expect(202)).body
    await expectEventually(async () => {
      const s = (await rep.get(`/api/quotes/${quoteId}`).expect(200)).body
      expect([s.status, s.error?.code]).toEqual(['failed', 'IMAGE_INVALID'])
    }, 60_000, 200)
  })
  it('tells the rep once, instead of leaving the quote "processing" forever, when every OCR attempt fails', async () => {
    const m = w.t.db.manager
    // The evidence store answers with an error no retry fixes here (the path is a directory: EISDIR).
    mkdirSync(join(w.rt.settings.STORAGE_DIR, 'broken', 'dir.png'), { recursive: true })
    const broken = await m.save(m.create(Attachment, { tenantId: w.tenantId, sha256: 'e'.repeat(64), mime: 'image/png', size: 10,
      storagePath: 'broken/dir.png', source: 'sidebar_upload' }))
    const rep = await w.login(w.m.rep.id)
    const { quoteId } = (await rep.post('/api/quotes').send({ clientId: 'q-eisdir', opportunityId, attachmentId: broken.id }).expect(202)).body
    const s = await expectEventually(async () => {
      const body = (await rep.get(`/api/quotes/${quoteId}`).expect(200)).body
      expect(body.status).toBe('failed')
      return body
    }, 60_000, 200)
    expect(s.error.code).toBe('QUOTE_OCR_FAILED')
    await expectEventually(() => expect(w.fake.sent.filter((x) => x.touser.includes('rep1') && JSON.stringify(x.body).includes('暂时未能识别')))
      .toHaveLength(1), 30_000)
  })

  it('the sweep queues again a quote whose OCR job was lost, and ends one whose job failed for good', async () => {
    const m = w.t.db.manager
    const rep = await w.login(w.m.rep.id)
    const png = readFileSync(join(QUOTES, truth.file))
    const att = (await rep.post('/api/attachments').field('clientId', 'att-sweep').field('purpose', 'quote')
      .attach('file', png, { filename: 'q.png', contentType: 'image/png' }).expect(201)).body
    const old = new Date(Date.now() - QUOTE_GRACE_MS - 60_000)
    // Two quotes stored while the queue lost their jobs: one never queued, one whose job failed for good.
    const lost = await m.save(m.create(Quote, { tenantId: w.tenantId, opportunityId, attachmentId: att.id, createdBy: w.m.rep.id, clientId: 'q-lost-job', status: 'queued' }))
    const dead = await m.save(m.create(Quote, { tenantId: w.tenantId, opportunityId, attachmentId: att.id, createdBy: w.m.rep.id, clientId: 'q-dead-job', status: 'processing' }))
    await m.query(`UPDATE quote SET updated_at = $1 WHERE id = ANY($2::uuid[])`, [old, [lost.id, dead.id]])
    // Its job failed for good before our handler could end the quote (here: a payload the worker refuses unread).
    const deadJob = await w.rt.queues.queue('ocr-quote').add('ocr-quote', { tenantId: w.tenantId, attachmentId: 'garbled', quoteId: dead.id },
      { jobId: jobId('ocr-quote', dead.id), attempts: 1 })
    await expectEventually(async () => expect(await deadJob.getState()).toBe('failed'), 30_000, 100)
    expect((await m.findOneByOrFail(Quote, { id: dead.id })).status).toBe('processing')

    await handleSweepJob({}, { rt: w.rt, log: w.rt.log, jobId: 'manual-sweep', now: () => new Date() })
    await expectEventually(async () => {
      expect((await rep.get(`/api/quotes/${lost.id}`).expect(200)).body.status).toBe('pending_confirmation')
    }, 240_000, 500)
    const ended = (await rep.get(`/api/quotes/${dead.id}`).expect(200)).body
    expect([ended.status, ended.error?.code]).toEqual(['failed', 'QUOTE_OCR_FAILED'])
    // A second sweep finds nothing left to do.
    await handleSweepJob({}, { rt: w.rt, log: w.rt.log, jobId: 'manual-sweep-2', now: () => new Date() })
    expect(await m.countBy(Quote, { tenantId: w.tenantId, status: 'queued' })).toBe(0)
  })
})
