import ExcelJS from 'exceljs'
import request from 'supertest'
import { IsNull, Like } from 'typeorm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../bot/app.js'
import { signSession } from '../../bot/middleware/session.js'
import { dashboardRouters } from '../../bot/routes/dashboard-api.route.js'
import { at } from '../../core/testing.js'
import { definitionOrThrow, loadProcessConfig } from '../../io/config/process-config.js'
import { Activity } from '../../io/db/entities/activity.entity.js'
import { AuditLog } from '../../io/db/entities/audit-log.entity.js'
import { Contract } from '../../io/db/entities/contract.entity.js'
import { Member } from '../../io/db/entities/member.entity.js'
import { Opportunity } from '../../io/db/entities/opportunity.entity.js'
import { Payment } from '../../io/db/entities/payment.entity.js'
import { Quote } from '../../io/db/entities/quote.entity.js'
import { seedTraceHistory } from '../../io/demo/history-trace.js'
import { seedDemoWithHistory } from '../../io/demo/seed-all.js'
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

const CONTRACTS_CSV = ['合同编号,客户,商机,金额（元）,签订日期,审批单号',
  'HT-2026-101,浙大一院,浙大一院 监护仪,"¥200,000",2026/4/1,SP-7',
  'HT-2026-102,浙大一院,,12.5万,2026年4月2日,'].join('\r\n')

async function paymentsXlsx(rows: [string, number, Date, string][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('回款')
  ws.addRow(['Contract No', 'Amount', 'Paid On', 'Reference'])
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

describe('importing from CSV and Excel', () => {
  it('imports contracts from a CSV with Chinese headers; the same file again adds nothing', async () => {
    const before = await count()
    const csv = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CONTRACTS_CSV)])
    expect((await upload(w.m.rep.id, 'contracts', csv, '合同台账.csv').expect(200)).body).toEqual({ inserted: 2, unchanged: 0 })
    const stored = await w.t.db.manager.find(Contract, { where: { tenantId: w.tenantId, source: 'import' }, order: { number: 'ASC' } })
    expect(stored.map((c) => [c.number, c.amount, c.signedOn, c.approvalRef, c.opportunityId])).toEqual([
      ['HT-2026-101', '200000.00', '2026-04-01', 'SP-7', mine.id], ['HT-2026-102', '125000.00', '2026-04-02', null, mine.id]])
    expect((await upload(w.m.rep.id, 'contracts', csv, '合同台账.csv').expect(200)).body).toEqual({ inserted: 0, unchanged: 2 })
    expect(await count()).toEqual({ ...before, contracts: before.contracts + 2, audit: before.audit + 2 })
  })

  it('imports payments from an .xlsx with English headers and date cells; the same file again adds nothing', async () => {
    const xlsx = await paymentsXlsx([['HT-2026-101', 60000, new Date(Date.UTC(2026, 3, 10)), 'HK-101-1'], ['HT-2026-101', 140000, new Date(Date.UTC(2026, 4, 10)), 'HK-101-2']])
    const before = await count()
    expect((await upload(w.m.lead.id, 'payments', xlsx, 'payments.xlsx').expect(200)).body).toEqual({ inserted: 2, unchanged: 0 })
    expect((await upload(w.m.lead.id, 'payments', xlsx, 'payments.xlsx').expect(200)).body).toEqual({ inserted: 0, unchanged: 2 })
    expect(await count()).toEqual({ ...before, payments: before.payments + 2, audit: before.audit + 2 })
    const p = await w.t.db.manager.findOneByOrFail(Payment, { tenantId: w.tenantId, reference: 'HK-101-2' })
    expect([p.amount, p.paidOn, p.source]).toEqual(['140000.00', '2026-05-10', 'import'])
  })

  it('refuses a file with bad rows, naming each row, and writes nothing of it', async () => {
    const before = await count()
    const csv = Buffer.from(['contract_no,customer,amount,signed_on', 'HT-2026-201,浙大一院,50000,2026-04-03', 'HT-2026-202,浙大一院,lots,2026-04-03',
      'HT-2026-203,不存在的医院,50000,2026-04-03'].join('\n'))
    const parsed = await upload(w.m.rep.id, 'contracts', csv, 'bad.csv').expect(422)
    expect(parsed.body.error.code).toBe('IMPORT_ROWS_INVALID')
    expect(parsed.body.error.params.rows.map((r: { row: number; code: string }) => [r.row, r.code])).toEqual([[3, 'IMPORT_FIELD_INVALID']])
    expect(parsed.body.error.params.rows[0].message).toEqual({ zh: '第 3 行「金额」无法识别：lots', en: 'Row 3: 金额 is not understood: lots' })
    const fixed = Buffer.from(csv.toString().replace('lots', '50000'))
    const resolved = await upload(w.m.rep.id, 'contracts', fixed, 'bad.csv').expect(422)
    expect(resolved.body.error.params.rows.map((r: { row: number; code: string }) => [r.row, r.code])).toEqual([[4, 'IMPORT_CUSTOMER_UNKNOWN']])
    expect(await count()).toEqual(before) // rows 2 and 3 were fine, and were not kept either
  })

  it('rolls back the rows already written when a later row conflicts with a stored payment', async () => {
    const before = await count()
    const xlsx = await paymentsXlsx([['HT-2026-102', 1000, new Date(Date.UTC(2026, 3, 20)), 'HK-102-1'], ['HT-2026-101', 99, new Date(Date.UTC(2026, 3, 10)), 'HK-101-1']])
    const res = await upload(w.m.rep.id, 'payments', xlsx, 'conflict.xlsx').expect(422)
    expect(res.body.error.params.rows.map((r: { row: number; code: string }) => [r.row, r.code])).toEqual([[3, 'IMPORT_ROW_CONFLICT']])
    expect(await count()).toEqual(before)
    expect(await w.t.db.manager.countBy(Payment, { reference: 'HK-102-1' })).toBe(0)
  })

  it('names missing columns, and refuses files that are not sheets', async () => {
    const cols = await upload(w.m.rep.id, 'payments', Buffer.from('合同编号,金额\nHT-1,5'), 'p.csv').expect(422)
    expect(cols.body.error).toMatchObject({ code: 'IMPORT_COLUMNS_MISSING', message: { zh: '导入文件缺少列：回款日期/paid_on, 回款单号/reference' } })
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.alloc(64)])
    expect((await upload(w.m.rep.id, 'payments', xls, 'old.xls').expect(422)).body.error.code).toBe('IMPORT_FILE_UNREADABLE')
    expect((await upload(w.m.rep.id, 'invoices', Buffer.from('a,b'), 'x.csv').expect(400)).body.error.code).toBe('BAD_REQUEST')
  })
})

describe('access', () => {
  it('lets the rep, their managers up the tree and an admin open the trace; a rep of another team gets 403, an unknown id 404', async () => {
    for (const who of [w.m.rep.id, w.m.lead.id, w.m.director.id, admin.id]) await get(`/api/dashboard/trace?paymentId=${ids.payment}`, who).expect(200)
    await get(`/api/dashboard/trace?paymentId=${ids.payment}`, w.m.tenderBusy.id).expect(403)
    const otherLead = await w.t.db.manager.save(w.t.db.manager.create(Member, { tenantId: w.tenantId, platformUserId: 'lead2', name: '别组主管', role: 'manager', managerId: w.m.director.id }))
    await get(`/api/dashboard/trace?paymentId=${ids.payment}`, otherLead.id).expect(403) // a manager, but of another subtree
    await get(`/api/dashboard/trace?contractId=${ids.contract}`, w.m.tenderFree.id).expect(403)
    await get('/api/dashboard/trace?paymentId=00000000-0000-4000-8000-000000000000', admin.id).expect(404)
    await request(app).get(`/api/dashboard/trace?paymentId=${ids.payment}`).expect(401)
  })

  it('refuses recording for a deal outside the caller\'s scope, by API and by import', async () => {
    await post('/api/dashboard/payments', w.m.tenderBusy.id, { contractId: ids.contract, amount: 1, paidOn: '2026-04-01', reference: 'HK-X' }).expect(403)
    await post('/api/dashboard/contracts', w.m.rep.id, { opportunityId: theirs.id, number: 'HT-X', amount: 1, signedOn: '2026-04-01' }).expect(403)
    const csv = Buffer.from('合同编号,回款金额,回款日期,回款单号\nHT-2026-001,1,2026-04-01,HK-Y')
    const res = await upload(w.m.tenderBusy.id, 'payments', csv, 'p.csv').expect(422)
    expect(res.body.error.params.rows).toEqual([expect.objectContaining({ row: 2, code: 'IMPORT_ROW_FORBIDDEN' })])
  })

  it('lists contracts and payments in the caller\'s scope only, in JSON and in .xlsx', async () => {
    const numbers = async (who: string) => (await get('/api/dashboard/contracts', who).expect(200)).body.contracts.map((c: { number: string }) => c.number).sort()
    expect(await numbers(w.m.lead.id)).toEqual(['HT-2026-001', 'HT-2026-101', 'HT-2026-102'])
    expect(await numbers(w.m.tenderBusy.id)).toEqual(['HT-2026-900'])
    expect(await numbers(admin.id)).toEqual(['HT-2026-001', 'HT-2026-101', 'HT-2026-102', 'HT-2026-900'])
    const payments = (await get('/api/dashboard/payments?from=2026-04-01', w.m.rep.id).expect(200)).body.payments
    expect(payments.map((p: { reference: string }) => p.reference)).toEqual(['HK-101-2', 'HK-101-1'])
    const sheet = await get('/api/dashboard/export/contracts.xlsx', w.m.lead.id).buffer(true)
      .parse((res, cb) => { const chunks: Buffer[] = []; res.on('data', (c: Buffer) => chunks.push(c)); res.on('end', () => cb(null, Buffer.concat(chunks))) }).expect(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(sheet.body as ArrayBuffer)
    const ws = wb.worksheets[0]!
    expect(ws.getRow(1).getCell(1).value).toBe('合同编号')
    const row101 = Array.from({ length: ws.rowCount - 1 }, (_, i) => ws.getRow(i + 2)).find((r) => r.getCell(1).value === 'HT-2026-101')!
    expect([row101.getCell(4).value, row101.getCell(6).value, row101.getCell(7).value, row101.getCell(8).value]).toEqual([200000, 'SP-7', 200000, 2])
    expect((await get('/api/dashboard/export/payments.xlsx', w.m.tenderBusy.id).expect(200)).headers['content-type']).toContain('spreadsheetml')
  })
})

describe('round trip', () => {
  const download = (path: string, who: string) => get(path, who).buffer(true)
    .parse((res, cb) => { const chunks: Buffer[] = []; res.on('data', (c: Buffer) => chunks.push(c)); res.on('end', () => cb(null, Buffer.concat(chunks))) })
  it('imports an exported contracts or payments sheet back as unchanged', async () => {
    const contracts = (await download('/api/dashboard/export/contracts.xlsx', w.m.rep.id).expect(200)).body as Buffer
    expect((await upload(w.m.rep.id, 'contracts', contracts, 'contracts.xlsx').expect(200)).body).toEqual({ inserted: 0, unchanged: 3 })
    const payments = (await download('/api/dashboard/export/payments.xlsx', w.m.rep.id).expect(200)).body as Buffer
    expect((await upload(w.m.rep.id, 'payments', payments, 'payments.xlsx').expect(200)).body).toEqual({ inserted: 0, unchanged: 3 })
  })
})

describe('demo history', () => {
  it('gives the demo tenant\'s later-stage deals contracts, approvals, check-ins and past payments that trace down to a first visit, once', async () => {
    const config = loadProcessConfig()
    const now = new Date()
    const demo = await seedDemoWithHistory(w.t.db, { config, def: definitionOrThrow(config, 'new-customer'), now, storageDir: w.rt.settings.STORAGE_DIR,
      slug: 'demo-trace' }) // runs seedTraceHistory once
    const tally = async () => (await w.t.db.query(`SELECT (SELECT count(*) FROM contract WHERE tenant_id = $1)::int AS contracts,
      (SELECT count(*) FROM payment WHERE tenant_id = $1)::int AS payments, (SELECT count(*) FROM activity WHERE tenant_id = $1)::int AS activities,
      (SELECT count(*) FROM audit_log WHERE tenant_id = $1)::int AS audit`, [demo.tenantId]))[0]
    const once = await tally()
    await seedTraceHistory(w.t.db, demo.tenantId, now)
    expect(await tally()).toEqual(once)
    const [late] = await w.t.db.query(`SELECT count(*)::int AS n FROM opportunity WHERE tenant_id = $1 AND (current_node IN ('quote', 'contract') OR status = 'won')`,
      [demo.tenantId])
    expect(once.contracts).toBe(late.n)
    expect(once.payments).toBeGreaterThan(0)
    const today = now.toISOString().slice(0, 10)
    const paid = await w.t.db.manager.findBy(Payment, { tenantId: demo.tenantId })
    expect(paid.every((p) => p.paidOn <= today)).toBe(true)

    const director = await w.t.db.manager.findOneByOrFail(Member, { tenantId: demo.tenantId, managerId: IsNull(), role: 'manager' })
    const contract = await w.t.db.manager.findOneByOrFail(Contract, { tenantId: demo.tenantId, number: Like('%-001') })
    const session = `sp_session=${signSession(w.rt.settings.SESSION_SECRET, { tenantId: demo.tenantId, memberId: director.id, channel: 'dev' })}`
    const trace = (await request(app).get(`/api/dashboard/trace?contractId=${contract.id}`).set('Cookie', session).expect(200)).body
    const flags = trace.steps.flatMap((st: { flags: { code: string }[] }) => st.flags.map((f) => f.code))
    for (const gap of ['NO_APPROVAL', 'APPROVAL_NOT_PASSED', 'NO_NEED', 'NO_FIRST_VISIT', 'NO_CHECK_IN']) expect(flags).not.toContain(gap)
    expect(trace.steps.find((st: { kind: string }) => st.kind === 'check_ins').records.map((r: { kind: string }) => r.kind)).toContain('location')
  })
})
