import ExcelJS from 'exceljs'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../bot/app.js'
import { signSession } from '../../bot/middleware/session.js'
import { dashboardRouters } from '../../bot/routes/dashboard-api.route.js'
import { sidebarRouters } from '../../bot/routes/sidebar.route.js'
import { nodeRunStatus } from '../../core/timing/node-run-status.js'
import { appendAudit } from '../../io/db/audit.repo.js'
import { Activity } from '../../io/db/entities/activity.entity.js'
import { Deliverable } from '../../io/db/entities/deliverable.entity.js'
import { Member } from '../../io/db/entities/member.entity.js'
import { NodeRun } from '../../io/db/entities/node-run.entity.js'
import { Opportunity } from '../../io/db/entities/opportunity.entity.js'
import { Quote } from '../../io/db/entities/quote.entity.js'
import { storeAttachment } from '../../io/storage/attachments.js'
import { createSidebarWorld, type SidebarWorld } from './sidebar-api-fixture.js'

const DAY = 86_400_000
const PHOTO = Buffer.from('\x89PNG\r\n\x1a\n dashboard evidence photo', 'binary')
let w: SidebarWorld
let app: ReturnType<ReturnType<typeof createApp>['callback']>
let admin: Member
const runs: Record<string, NodeRun> = {}
let photoId = ''

const as = (memberId: string) => `sp_session=${signSession(w.rt.settings.SESSION_SECRET, { tenantId: w.tenantId, memberId, channel: 'dev' })}`
const get = (path: string, memberId: string) => request(app).get(path).set('Cookie', as(memberId))

beforeAll(async () => {
  w = await createSidebarWorld()
  app = createApp({ log: w.rt.log, probes: {}, routers: dashboardRouters(w.rt, { config: w.config }) }).callback()
  const m = w.t.db.manager
  const now = Date.now()
  admin = await m.save(m.create(Member, { tenantId: w.tenantId, platformUserId: 'adm', name: '管理员', role: 'admin', managerId: null }))
  const opp = (ownerId: string, customerId: string, title: string) => m.save(m.create(Opportunity, {
    tenantId: w.tenantId, customerId, ownerId, title, processId: 'sidebar', definitionVersion: '1', currentNode: 'visit' }))
  const mine = await opp(w.m.rep.id, w.customerId, '浙大一院 监护仪')
  const theirs = await opp(w.m.tenderBusy.id, w.otherCustomerId, '邵逸夫 耗材')
  const run = async (key: string, o: Opportunity, node: string, enterDays: number, dueDays: number | null, doneDays: number | null, exit: NodeRun['exit'] = null) => {
    const at = (d: number | null) => (d === null ? null : new Date(now + d * DAY))
    runs[key] = await m.save(m.create(NodeRun, { tenantId: w.tenantId, opportunityId: o.id, node, enteredAt: at(enterDays)!,
      dueAt: at(dueDays), doneAt: at(doneDays), exit: exit ?? (doneDays === null ? null : 'advanced') }))
  }
  await run('onTime', mine, 'visit', -5, -4, -4.5)
  await run('overdue', mine, 'visit', -3, -2, null)
  await run('madeUp', mine, 'visit', -10, -9, -8)
  await run('open', mine, 'quote', -1, 1, null)
  await run('skipped', mine, 'sign', -1, null, -0.5, 'skipped')
  await run('old', mine, 'quote', -60, -59, null)
  await run('theirs', theirs, 'visit', -3, -2, null)
  const photo = await storeAttachment(m, w.rt.settings.STORAGE_DIR, { tenantId: w.tenantId, data: PHOTO, mime: 'image/png', source: 'upload' })
  photoId = photo.id
  const o = runs.overdue!
  const d = await m.save(m.create(Deliverable, { tenantId: w.tenantId, opportunityId: mine.id, nodeRunId: o.id, node: 'visit', kind: 'photo',
    data: { note: '科室门牌' }, attachmentId: photo.id, submittedBy: w.m.rep.id, arrivedAt: new Date(now - 2.5 * DAY) }))
  const q = await m.save(m.create(Quote, { tenantId: w.tenantId, opportunityId: mine.id, attachmentId: photo.id, createdBy: w.m.rep.id, clientId: 'q-1',
    status: 'confirmed', ocr: { amount: '128000.00', models: ['BeneVision N17'] }, confidence: { amount: 0.93 }, deliverableId: d.id }))
  const act = (kind: string, days: number, data: Record<string, unknown>, summary = '') => m.save(m.create(Activity, { tenantId: w.tenantId,
    opportunityId: mine.id, customerId: w.customerId, memberId: w.m.rep.id, kind, summary, data, occurredAt: new Date(now + days * DAY), receivedAt: new Date(now + days * DAY) }))
  const visit = await act('visit', -2.8, { photoAttachmentId: photo.id, anomalies: [{ code: 'TOO_FAR', distanceM: 1800 }] }, '拜访陈主任')
  await act('approval', -20, { spNo: 'SP-1', spStatus: '1' }, '报价审批提交')
  await act('approval', -1, { spNo: 'SP-1', spStatus: '2' }, '报价审批通过')
  await act('voice', -30, {}, '窗口之外的沟通')
  await w.t.db.transaction(async (tx) => {
    for (const [entity, id] of [['node_run', o.id], ['deliverable', d.id], ['quote', q.id], ['activity', visit.id]] as const) {
      await appendAudit(tx, { tenantId: w.tenantId, at: new Date(now - 2 * DAY), actor: w.m.rep.id, entity, entityId: id, action: 'create' })
    }
  })
})
afterAll(async () => {
  await w.close()
})

const matrixOf = async (memberId: string, query = '') => (await get(`/api/dashboard/matrix?processId=sidebar${query}`, memberId).expect(200)).body
const cellOf = (body: { rows: { memberId: string; cells: { node: string }[] }[] }, memberId: string, node: string) =>
  body.rows.find((r) => r.memberId === memberId)?.cells.find((c) => c.node === node)

describe('process-health matrix', () => {
  it('counts and colours the runs entered in the period, per rep and node', async () => {
    const body = await matrixOf(w.m.lead.id)
    expect(body.nodes).toEqual(['visit', 'quote', 'sign'])
    expect(cellOf(body, w.m.rep.id, 'visit')).toMatchObject({ total: 3, colour: 'red', counts: { on_time: 1, made_up: 1, overdue: 1 } })
    expect(cellOf(body, w.m.rep.id, 'quote')).toMatchObject({ total: 1, colour: 'blue', counts: { open: 1, overdue: 0 } })
    expect(cellOf(body, w.m.rep.id, 'sign')).toMatchObject({ total: 1, colour: 'grey' })
  })

  it('takes an older period when asked, where only the old overdue run falls', async () => {
    const from = new Date(Date.now() - 70 * DAY).toISOString()
    const to = new Date(Date.now() - 50 * DAY).toISOString()
    const body = await matrixOf(w.m.lead.id, `&from=${from}&to=${to}`)
    expect(cellOf(body, w.m.rep.id, 'quote')).toMatchObject({ total: 1, colour: 'red' })
    expect(cellOf(body, w.m.rep.id, 'visit')).toMatchObject({ total: 0 })
  })

  it.each([
    ['the lead', 'lead', ['rep']],
    ['the director, two levels up', 'director', ['rep']],
    ['a rep, only themselves', 'rep', ['rep']],
    ['another rep, only themselves', 'tenderBusy', ['tenderBusy']],
  ] as const)('%s sees the rows of their scope', async (_, who, rows) => {
    const body = await matrixOf(w.m[who].id)
    expect(body.rows.map((r: { memberId: string }) => r.memberId).sort()).toEqual(rows.map((k) => w.m[k].id).sort())
  })

  it('shows an admin every rep of the tenant', async () => {
    const body = await matrixOf(admin.id)
    expect(body.rows.map((r: { memberId: string }) => r.memberId).sort()).toEqual([w.m.rep.id, w.m.tenderBusy.id, w.m.tenderFree.id].sort())
    expect(cellOf(body, w.m.tenderBusy.id, 'visit')).toMatchObject({ total: 1, colour: 'red' })
  })

  it('narrows to a subtree the caller may see, and refuses one they may not', async () => {
    expect((await matrixOf(w.m.director.id, `&root=${w.m.lead.id}`)).rows).toHaveLength(1)
    for (const [who, root] of [['rep', 'lead'], ['lead', 'director'], ['lead', 'tenderBusy']] as const) {
      const res = await get(`/api/dashboard/matrix?root=${w.m[root].id}`, w.m[who].id).expect(403)
      expect(res.body.error.code).toBe('FORBIDDEN')
    }
  })

  it('is served beside the sidebar routes, as the bot mounts them', async () => {
    const both = createApp({ log: w.rt.log, probes: {}, routers: [...sidebarRouters(w.rt, { config: w.config }), ...dashboardRouters(w.rt, { config: w.config })] }).callback()
    const res = await request(both).get('/api/dashboard/matrix?processId=sidebar').set('Cookie', as(w.m.rep.id)).expect(200)
    expect(res.body.rows.map((r: { memberId: string }) => r.memberId)).toEqual([w.m.rep.id])
    await request(both).get('/api/me').set('Cookie', as(w.m.rep.id)).expect(200)
  })

  it('refuses callers without a session, and malformed periods', async () => {
    await request(app).get('/api/dashboard/matrix').expect(401)
    await get('/api/dashboard/matrix?from=2026-05-01&to=2026-04-01', w.m.lead.id).expect(400)
    await get('/api/dashboard/matrix?processId=nope', w.m.lead.id).expect(404)
  })

  it('agrees with the engine on every run status', async () => {
    const now = new Date()
    for (const r of Object.values(runs)) {
      const want = nodeRunStatus({ id: r.id, node: r.node, enteredAt: r.enteredAt, reminderLevel: 0, ...(r.dueAt ? { dueAt: r.dueAt } : {}),
        ...(r.exit === 'skipped' ? { skipped: true } : r.doneAt ? { doneAt: r.doneAt } : {}) }, undefined, w.config.calendar, now)
      const rec = await get(`/api/dashboard/node-runs/${r.id}`, admin.id).expect(200)
      expect([r.node, rec.body.run.status]).toEqual([r.node, want])
    }
  })
})

describe('drill-down', () => {
  it('lists the runs behind a red cell, and behind a green one', async () => {
    const red = await get(`/api/dashboard/cell?processId=sidebar&memberId=${w.m.rep.id}&node=visit&colour=red`, w.m.lead.id).expect(200)
    expect(red.body.runs).toEqual([expect.objectContaining({ id: runs.overdue!.id, title: '浙大一院 监护仪', customer: '浙大一院', status: 'overdue', doneAt: null })])
    const green = await get(`/api/dashboard/cell?processId=sidebar&memberId=${w.m.rep.id}&node=visit&colour=green`, w.m.lead.id).expect(200)
    expect(green.body.runs.map((r: { id: string }) => r.id)).toEqual([runs.onTime!.id])
  })

  it('opens a run with its evidence, quote fields, visit anomalies, approval trail and audit entries', async () => {
    const { body } = await get(`/api/dashboard/node-runs/${runs.overdue!.id}`, w.m.director.id).expect(200)
    expect(body.run).toMatchObject({ status: 'overdue', owner: '李娜', node: 'visit' })
    expect(body.deliverables).toEqual([expect.objectContaining({ kind: 'photo', mime: 'image/png', url: `/api/dashboard/attachments/${photoId}` })])
    expect(body.quotes[0]).toMatchObject({ ocr: { amount: '128000.00', models: ['BeneVision N17'] }, confidence: { amount: 0.93 } })
    const visit = body.activities.find((a: { kind: string }) => a.kind === 'visit')
    expect(visit).toMatchObject({ data: { anomalies: [{ code: 'TOO_FAR', distanceM: 1800 }] }, photoUrl: `/api/dashboard/attachments/${photoId}`, member: '李娜' })
    expect(body.activities.filter((a: { kind: string }) => a.kind === 'approval').map((a: { summary: string }) => a.summary)).toEqual(['报价审批提交', '报价审批通过'])
    expect(body.activities.some((a: { kind: string }) => a.kind === 'voice')).toBe(false)
    expect(body.audit.map((e: { entity: string; intact: boolean }) => [e.entity, e.intact])).toEqual(
      [['node_run', true], ['deliverable', true], ['quote', true], ['activity', true]])
  })

  it('serves the photo to members who may see it, and to no one else', async () => {
    const res = await get(`/api/dashboard/attachments/${photoId}`, w.m.lead.id).expect(200)
    expect(res.headers['content-type']).toBe('image/png')
    expect(Buffer.compare(res.body as Buffer, PHOTO)).toBe(0)
    await get(`/api/dashboard/attachments/${photoId}`, w.m.tenderFree.id).expect(403)
    await request(app).get(`/api/dashboard/attachments/${photoId}`).expect(401)
  })

  it.each([
    ['a cell of a rep outside the scope', () => `/api/dashboard/cell?processId=sidebar&memberId=${w.m.tenderBusy.id}&node=visit`, 'lead'],
    ['a run of a rep outside the scope', () => `/api/dashboard/node-runs/${runs.theirs!.id}`, 'lead'],
    ['a run of the manager, asked by the rep', () => `/api/dashboard/cell?processId=sidebar&memberId=${w.m.lead.id}&node=visit`, 'rep'],
    ['the export of a cell outside the scope', () => `/api/dashboard/export/cell.xlsx?processId=sidebar&memberId=${w.m.tenderBusy.id}&node=visit`, 'rep'],
  ] as const)('refuses %s with 403', async (_, path, who) => {
    const res = await get(path(), w.m[who].id).expect(403)
    expect(res.body.error.code).toBe('FORBIDDEN')
  })
})

const readSheet = async (buf: Buffer) => {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(buf as unknown as ArrayBuffer)
  const ws = wb.worksheets[0]!
  const rows: unknown[][] = []
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
  return { ws, rows }
}
const binary = (res: request.Response, cb: (e: Error | null, b: Buffer) => void) => {
  const chunks: Buffer[] = []
  res.on('data', (c: Buffer) => chunks.push(c))
  res.on('end', () => cb(null, Buffer.concat(chunks)))
}

describe('export', () => {
  it('writes the matrix the caller sees to .xlsx, one coloured cell per node', async () => {
    const res = await get('/api/dashboard/export/matrix.xlsx?processId=sidebar', w.m.lead.id).buffer(true).parse(binary).expect(200)
    expect(res.headers['content-type']).toContain('spreadsheetml')
    const { ws, rows } = await readSheet(res.body as Buffer)
    expect(rows[1]).toEqual(['成员 / Member', '首次拜访', '报价', '签约'])
    expect(rows.slice(2)).toEqual([['李娜', 3, 1, 1]])
    expect(ws.getRow(3).getCell(2).fill).toMatchObject({ fgColor: { argb: 'FFF5222D' } })
  })

  it('writes the runs behind a cell to .xlsx', async () => {
    const res = await get(`/api/dashboard/export/cell.xlsx?processId=sidebar&memberId=${w.m.rep.id}&node=visit&colour=red`, w.m.lead.id)
      .buffer(true).parse(binary).expect(200)
    const { rows } = await readSheet(res.body as Buffer)
    expect(rows).toHaveLength(2)
    expect(rows[1]).toEqual(expect.arrayContaining(['浙大一院 监护仪', '浙大一院', '李娜', 'visit', '逾期', runs.overdue!.id]))
  })
})
