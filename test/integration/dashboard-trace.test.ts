import ExcelJS from 'exceljs'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../bot/app.js'
import { signSession } from '../../bot/middleware/session.js'
import { dashboardRouters } from '../../bot/routes/dashboard-api.route.js'
import { at } from '../../core/testing.js'
import { Activity } from '../../io/db/entities/activity.entity.js'
import { AuditLog } from '../../io/db/entities/audit-log.entity.js'
import { Contract } from '../../io/db/entities/contract.entity.js'
import { Member } from '../../io/db/entities/member.entity.js'
import { Opportunity } from '../../io/db/entities/opportunity.entity.js'
import { Payment } from '../../io/db/entities/payment.entity.js'
import { Quote } from '../../io/db/entities/quote.entity.js'
import { storeAttachment } from '../../io/storage/attachments.js'
import { createSidebarWorld, type SidebarWorld } from './sidebar-api-fixture.js'

let w: SidebarWorld
let app: ReturnType<ReturnType<typeof createApp>['callback']>
let admin: Member
let mine: Opportunity
let theirs: Opportunity
const ids: Record<string, string> = {}

const cookie = (memberId: string) => `sp_session=${signSession(w.rt.settings.SESSION_SECRET, { tenantId: w.tenantId, memberId, channel: 'dev' })}`
const get = (path: string, memberId: string) => request(app).get(path).set('Cookie', cookie(memberId))
const post = (path: string, memberId: string, body: object) => request(app).post(path).set('Cookie', cookie(memberId)).send(body)
const upload = (memberId: string, kind: string, data: Buffer, name: string) =>
  request(app).post('/api/dashboard/import').set('Cookie', cookie(memberId)).field('kind', kind).attach('file', data, name)
const count = async () => ({ contracts: await w.t.db.manager.count(Contract), payments: await w.t.db.manager.count(Payment),
  audit: await w.t.db.manager.count(AuditLog) })

beforeAll(async () => {
  w = await createSidebarWorld()
  app = createApp({ log: w.rt.log, probes: {}, routers: dashboardRouters(w.rt, { config: w.config }) }).callback()
  const m = w.t.db.manager
  admin = await m.save(m.create(Member, { tenantId: w.tenantId, platformUserId: 'adm', name: '管理员', role: 'admin', managerId: null }))
  const opp = (ownerId: string, customerId: string, title: string) => m.save(m.create(Opportunity, {
    tenantId: w.tenantId, customerId, ownerId, title, processId: 'sidebar', definitionVersion: '1', currentNode: 'sign' }))
  mine = await opp(w.m.rep.id, w.customerId, '浙大一院 监护仪')
  theirs = await opp(w.m.tenderBusy.id, w.otherCustomerId, '邵逸夫 耗材')
  const photo = await storeAttachment(m, w.rt.settings.STORAGE_DIR, { tenantId: w.tenantId, data: Buffer.from('visit photo'), mime: 'image/jpeg', source: 'upload' })
  const act = async (key: string, kind: string, when: string, memberId: string, data: Record<string, unknown> = {}, summary = '') => {
    ids[key] = (await m.save(m.create(Activity, { tenantId: w.tenantId, opportunityId: kind === 'location' ? null : mine.id, customerId: w.customerId,
      memberId, kind, summary, data, occurredAt: at(when), receivedAt: at(when) }))).id
  }
  await act('checkIn', 'location', '2026-03-02 09:20', w.m.rep.id, { latitude: '30.25', longitude: '120.17', label: '浙大一院' })
  await act('firstVisit', 'visit', '2026-03-02 10:00', w.m.rep.id, { painPoints: ['旧监护仪报警误报多'], photoAttachmentId: photo.id,
    location: { lat: 30.25, lng: 120.17, accuracy: 20, coordSystem: 'gcj02' } }, '拜访：旧监护仪报警误报多')
  await act('otherRepSameDay', 'location', '2026-03-02 11:00', w.m.tenderFree.id)
  await act('nextDay', 'visit', '2026-03-03 10:00', w.m.rep.id)
  await act('submitted', 'approval', '2026-03-18 09:00', w.m.rep.id, { spNo: 'SP-7', spStatus: '1' }, '审批 SP-7 状态 1')
  await act('approved', 'approval', '2026-03-19 09:00', w.m.lead.id, { spNo: 'SP-7', spStatus: '2' }, '审批 SP-7 状态 2')
  ids.quote = (await m.save(m.create(Quote, { tenantId: w.tenantId, opportunityId: mine.id, attachmentId: photo.id, createdBy: w.m.rep.id,
    clientId: 'q-trace', status: 'confirmed', ocr: { amount: '130000.00' }, confirmed: { amount: '128000.00', models: ['N17'] },
    createdAt: at('2026-03-10 09:00'), confirmedAt: at('2026-03-10 09:05') }))).id
})
afterAll(async () => {
  await w.close()
})

describe('recording through the API', () => {
  it('records a contract and a payment, once each, and the payment traces down to the first visit and that day\'s check-ins', async () => {
    const contract = { opportunityId: mine.id, number: 'HT-2026-001', amount: '128,000', signedOn: '2026-03-20', approvalRef: 'SP-7' }
    const made = await post('/api/dashboard/contracts', w.m.rep.id, contract).expect(201)
    ids.contract = made.body.contract.id
    expect(made.body.contract).toMatchObject({ number: 'HT-2026-001', amount: '128000.00', signedOn: '2026-03-20', source: 'api' })
    expect((await post('/api/dashboard/contracts', w.m.rep.id, contract).expect(200)).body.contract.id).toBe(ids.contract)
    const taken = await post('/api/dashboard/contracts', w.m.rep.id, { ...contract, amount: 1 }).expect(409)
    expect(taken.body.error.code).toBe('CONTRACT_NUMBER_TAKEN')
    const paid = await post('/api/dashboard/payments', w.m.rep.id, { contractId: ids.contract, amount: 38400, paidOn: '2026-03-25', reference: 'HK-001' }).expect(201)
    ids.payment = paid.body.payment.id

    const trace = (await get(`/api/dashboard/trace?paymentId=${ids.payment}`, w.m.rep.id).expect(200)).body
    expect(trace.contract).toMatchObject({ number: 'HT-2026-001', customer: '浙大一院', title: '浙大一院 监护仪' })
    const step = (kind: string) => trace.steps.find((s: { kind: string }) => s.kind === kind)
    const recordIds = (kind: string) => step(kind).records.map((r: { id: string }) => r.id)
    expect(trace.steps.map((s: { kind: string }) => s.kind)).toEqual(['payment', 'contract', 'approval', 'quote', 'need', 'first_visit', 'check_ins'])
    expect(trace.steps.flatMap((s: { flags: { code: string }[] }) => s.flags.map((f) => f.code))).toEqual([])
    expect(step('payment').records[0]).toMatchObject({ id: ids.payment, data: { focus: true, amount: '38400.00', reference: 'HK-001' }, member: '李娜' })
    expect(step('contract').records[0].audit).toEqual([expect.objectContaining({ action: 'created', intact: true })])
    expect(recordIds('approval')).toEqual([ids.submitted, ids.approved])
    expect(step('quote').records[0]).toMatchObject({ id: ids.quote, data: { amount: '128000.00' }, url: expect.stringMatching(/^\/api\/dashboard\/attachments\//) })
    expect(recordIds('need')).toEqual([ids.firstVisit])
    expect(step('first_visit').records[0]).toMatchObject({ id: ids.firstVisit, url: expect.any(String), summary: '拜访：旧监护仪报警误报多' })
    expect(recordIds('check_ins')).toEqual([ids.checkIn, ids.firstVisit]) // the rep's own, that Beijing day only
  })

  it('appends a chained audit entry for each new contract and payment', async () => {
    const entries = await w.t.db.manager.find(AuditLog, { where: { tenantId: w.tenantId }, order: { seq: 'ASC' } })
    expect(entries.filter((e) => e.entity === 'contract' || e.entity === 'payment').map((e) => [e.entity, e.entityId]))
      .toEqual([['contract', ids.contract], ['payment', ids.payment]])
  })

  it('flags the steps a contract without history lacks', async () => {
    const c = (await post('/api/dashboard/contracts', admin.id, { opportunityId: theirs.id, number: 'HT-2026-900', amount: 5000, signedOn: '2026-03-01' }).expect(201)).body.contract
    const trace = (await get(`/api/dashboard/trace?contractId=${c.id}`, admin.id).expect(200)).body
    expect(trace.steps.flatMap((s: { flags: { code: string }[] }) => s.flags.map((f) => f.code)))
      .toEqual(['NO_PAYMENT', 'NO_APPROVAL', 'NO_QUOTE', 'NO_NEED', 'NO_FIRST_VISIT'])
    expect(trace.steps[5].flags[0]).toMatchObject({ zh: '无首次拜访记录', en: 'No first visit recorded' })
  })

  it('refuses malformed bodies with the field named', async () => {
    const res = await post('/api/dashboard/payments', w.m.rep.id, { contractId: ids.contract, amount: 'lots', paidOn: '2026-03-25', reference: 'X' }).expect(400)
    expect(res.body.error.message.en).toContain('amount')
  })
})
