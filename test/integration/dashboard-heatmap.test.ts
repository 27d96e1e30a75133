import ExcelJS from 'exceljs'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../bot/app.js'
import { signSession } from '../../bot/middleware/session.js'
import { dashboardRouters } from '../../bot/routes/dashboard-api.route.js'
import { buildCalendar } from '../../core/timing/working-calendar.js'
import { Member } from '../../io/db/entities/member.entity.js'
import { startWorker, type RunningWorker } from '../../worker/run.js'
import { expectEventually } from '../setup/expect-eventually.js'
import { createSidebarWorld, type SidebarWorld } from './sidebar-api-fixture.js'

// Four weeks: Mondays 26 Oct, 2, 9 and 16 Nov 2026; the heatmap is asked for the week of Friday 20 Nov.
const WEEK = '2026-11-16'
const FRIDAY = '2026-11-20'
let w: SidebarWorld
let app: ReturnType<ReturnType<typeof createApp>['callback']>
let admin: Member
let worker: RunningWorker
const ids: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' }

const as = (memberId: string) => `sp_session=${signSession(w.rt.settings.SESSION_SECRET, { tenantId: w.tenantId, memberId, channel: 'dev' })}`
const heatmap = async (memberId: string) =>
  (await request(app).get(`/api/dashboard/heatmap?week=${WEEK}&weeks=4`).set('Cookie', as(memberId)).expect(200)).body as HeatmapBody
type HeatmapBody = { weeks: string[]; departments: { key: string; zh: string; cells: Record<string, number>[] }[]; red: { name: string; departments: string[] }[] }
const lastCell = (h: HeatmapBody, dept: string) => h.departments.find((d) => d.key === dept)!.cells.at(-1)!

beforeAll(async () => {
  w = await createSidebarWorld()
  app = createApp({ log: w.rt.log, probes: {}, routers: dashboardRouters(w.rt, { config: w.config }) }).callback()
  const m = w.t.db.manager
  admin = await m.save(m.create(Member, { tenantId: w.tenantId, platformUserId: 'adm', name: '管理员', role: 'admin', managerId: null }))
  const customer = async (name: string, ownerId: string) =>
    ((await m.query(`INSERT INTO customer (tenant_id, name, owner_id) VALUES ($1, $2, $3) RETURNING id`, [w.tenantId, name, ownerId])) as { id: string }[])[0]!.id
  ids.a = w.customerId
  ids.b = w.otherCustomerId
  ids.c = await customer('杭州市第一人民医院', w.m.rep.id)
  const visit = (customerId: string, memberId: string, at: string, heatmap: Record<string, unknown>) => m.query(
    `INSERT INTO activity (tenant_id, customer_id, member_id, kind, occurred_at, received_at, data) VALUES ($1, $2, $3, 'visit', $4, $4, $5)`,
    [w.tenantId, customerId, memberId, new Date(`${at}T10:00:00+08:00`), JSON.stringify({ heatmap })])
  await visit(ids.a, w.m.rep.id, '2026-10-27', { department: 'lab', purchaseIntent: 'evaluating', consumablesCurrent: 100, consumablesPotential: 400, rolesMet: ['director'] })
  await visit(ids.a, w.m.rep.id, '2026-11-03', { department: 'lab', purchaseIntent: 'budgeted', rolesMet: ['equipmentDept'] })
  for (const day of ['2026-10-28', '2026-11-11', '2026-11-18']) await visit(ids.c, w.m.rep.id, day, { department: 'lab', purchaseIntent: 'aware' })
  await visit(ids.b, w.m.tenderBusy.id, '2026-11-10', { department: 'icu', purchaseIntent: 'tendering' })
  await visit(ids.b, w.m.tenderBusy.id, '2026-11-17', { department: 'lab', purchaseIntent: 'tendering' })
  // Every weekday is a working day here, so Friday is the last one of the week.
  worker = await startWorker(w.rt, { config: { ...w.config, calendar: buildCalendar({ start: '09:00', end: '18:00' }, []) }, digest: false })
})
afterAll(async () => {
  await worker.close()
  await w.close()
})

describe('weekly department heatmap', () => {
  it('scores each department from the latest answers of the visits the rep made', async () => {
    const h = await heatmap(w.m.rep.id)
    expect(h.weeks).toEqual(['2026-10-26', '2026-11-02', '2026-11-09', WEEK])
    // A: intent 80, gap (400−100)/400 = 75, chain 科主任 30 + 设备科 20; C: intent 25, no consumables, no roles
    expect(lastCell(h, 'lab')).toMatchObject({ week: WEEK, customers: 2, intent: 53, gap: 38, chain: 25, red: 2 })
    expect(h.departments.find((d) => d.key === 'lab')!.cells[0]).toMatchObject({ customers: 2, intent: 38, gap: 38, chain: 15, red: 0 })
    expect(lastCell(h, 'icu')).toMatchObject({ customers: 0 })
  })

  it('flags red a customer quiet for two weeks and one whose visits changed nothing, not one whose opportunity moved', async () => {
    expect((await heatmap(w.m.rep.id)).red.map((r) => r.name).sort()).toEqual(['杭州市第一人民医院', '浙大一院'])
    const m = w.t.db.manager
    const [opp] = await m.query(`INSERT INTO opportunity (tenant_id, customer_id, owner_id, title, process_id, definition_version, current_node)
      VALUES ($1, $2, $3, '一院 检验设备', 'sidebar', '1', 'quote') RETURNING id`, [w.tenantId, ids.c, w.m.rep.id]) as { id: string }[]
    await m.query(`INSERT INTO node_run (tenant_id, opportunity_id, node, entered_at) VALUES ($1, $2, 'quote', $3)`,
      [w.tenantId, opp!.id, new Date('2026-11-19T09:00:00+08:00')])
    expect((await heatmap(w.m.rep.id)).red.map((r) => r.name)).toEqual(['浙大一院'])
  })

  it('shows a manager their subtree, a rep only their own visits, an admin everything', async () => {
    const lead = await heatmap(w.m.lead.id)
    expect(lastCell(lead, 'lab').customers).toBe(2)
    const other = await heatmap(w.m.tenderBusy.id)
    expect([lastCell(other, 'lab'), lastCell(other, 'icu')]).toMatchObject([{ customers: 1, intent: 100 }, { customers: 1, intent: 100 }])
    expect(other.red).toEqual([])
    const all = await heatmap(admin.id)
    expect(lastCell(all, 'lab')).toMatchObject({ customers: 3, intent: 68, red: 1 })
    await request(app).get('/api/dashboard/heatmap').expect(401)
    const bad = await request(app).get('/api/dashboard/heatmap?weeks=99').set('Cookie', as(admin.id)).expect(400)
    expect(bad.body.error.code).toBe('BAD_REQUEST')
  })

  it('exports the same figures to .xlsx, a sheet per score', async () => {
    const res = await request(app).get(`/api/dashboard/export/heatmap.xlsx?week=${WEEK}&weeks=4`).set('Cookie', as(w.m.lead.id))
      .buffer(true).parse((r, cb) => { const b: Buffer[] = []; r.on('data', (c: Buffer) => b.push(c)); r.on('end', () => cb(null, Buffer.concat(b))) })
      .expect(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.body as ArrayBuffer)
    const intent = wb.getWorksheet('设备采购意向')!
    const lab = intent.getRows(1, intent.rowCount)!.find((r) => String(r.getCell(1).value).startsWith('检验科'))!
    expect(lab.getCell(5).value).toBe(53)
    expect(wb.getWorksheet('红灯客户')!.getRow(2).getCell(1).value).toBe('浙大一院')
  })
})

describe('the visit form', () => {
  it('offers the configured heatmap fields, stores valid answers with the visit and refuses others with a clear code', async () => {
    const rep = await w.login(w.m.rep.id)
    const form = (await request(app).get('/api/heatmap-form').set('Cookie', as(w.m.rep.id)).expect(200)).body
    expect(form.department.options.map((o: { zh: string }) => o.zh)).toContain('检验科')
    const photo = (await rep.post('/api/attachments').field('clientId', 'hp-1').field('purpose', 'visit_photo')
      .attach('file', Buffer.from('heatmap visit photo'), { filename: 'p.jpg', contentType: 'image/jpeg' }).expect(201)).body.id
    const body = (clientId: string, heatmap: Record<string, unknown>) => ({ clientId, customerId: ids.c, deviceAt: '2026-11-19T15:00:00+08:00',
      location: { lat: 30.25, lng: 120.16, accuracy: 20, coordSystem: 'wgs84' }, photoAttachmentId: photo, painPoints: [], nextFollowUpAt: null,
      keywordsHeard: [], heatmap })
    const bad = await rep.post('/api/visits').send(body('hv-1', { department: 'lab', rolesMet: ['janitor'] })).expect(422)
    expect(bad.body.error).toMatchObject({ code: 'HEATMAP_FIELD_INVALID', message: { zh: '热力图字段有误：rolesMet: not a list of its options' } })
    const id = (await rep.post('/api/visits').send(body('hv-2', { department: 'cardiology', purchaseIntent: 'budgeted', rolesMet: ['headNurse'] })).expect(201)).body.id
    const [row] = await w.t.db.query(`SELECT data->'heatmap' AS h FROM activity WHERE id = $1`, [id]) as { h: unknown }[]
    expect(row!.h).toEqual({ department: 'cardiology', purchaseIntent: 'budgeted', rolesMet: ['headNurse'] })
    expect(lastCell(await heatmap(w.m.rep.id), 'cardiology')).toMatchObject({ customers: 1, intent: 80, chain: 15 })
    expect(await w.t.db.query(`SELECT count(*)::int AS n FROM activity WHERE client_id = 'hv-1'`)).toEqual([{ n: 0 }])
  })
})

describe('the Friday heatmap job', () => {
  const cards = () => w.fake.sent.filter((s) => JSON.stringify(s.body).includes('科室需求热力图'))

  it('stores the week once and sends each manager one card linking to the page, even when run twice', async () => {
    for (const n of [1, 2]) {
      await w.rt.queues.add('heatmap', { tenantId: w.tenantId, date: FRIDAY }, { jobId: `heatmap-test-${n}` })
      await expectEventually(async () => expect(await (await w.rt.queues.queue('heatmap').getJob(`heatmap-test-${n}`))?.isCompleted()).toBe(true), 20_000)
    }
    await expectEventually(() => expect(cards().flatMap((c) => c.touser).sort()).toEqual(['dir1', 'lead1']), 20_000)
    const [lead] = cards().filter((c) => c.touser.includes('lead1'))
    expect(JSON.stringify(lead!.body)).toContain(`/sidebar/?view=heatmap&week=${WEEK}`)
    // A notice the manager taps to open the page: no button that would only send a click back.
    expect(lead!.body).toMatchObject({ template_card: { card_type: 'text_notice', card_action: { type: 1 } } })
    expect(JSON.stringify(lead!.body)).toContain('检验科')
    const rows = await w.t.db.query(`SELECT week::text, data->'weeks' AS weeks FROM heatmap_snapshot WHERE tenant_id = $1`, [w.tenantId]) as { week: string }[]
    expect(rows.map((r) => r.week)).toEqual([WEEK])
    expect(await w.t.db.query(`SELECT count(*)::int AS n FROM outbox WHERE kind = 'heatmap'`)).toEqual([{ n: 2 }])
  })

  it('does nothing on a day that is not the last working day of its week', async () => {
    await w.rt.queues.add('heatmap', { tenantId: w.tenantId, date: '2026-11-26' }, { jobId: 'heatmap-test-thursday' })
    await expectEventually(async () => expect(await (await w.rt.queues.queue('heatmap').getJob('heatmap-test-thursday'))?.isCompleted()).toBe(true), 20_000)
    expect(await w.t.db.query(`SELECT count(*)::int AS n FROM heatmap_snapshot`)).toEqual([{ n: 1 }])
  })
})
