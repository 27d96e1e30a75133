import type Router from '@koa/router'
import ExcelJS from 'exceljs'
import type { StatusColour } from '../../core/timing/node-run-status.js'
import type { CellRun } from '../../io/db/dashboard.repo.js'
import { sessionOf, type SessionState } from '../middleware/session.js'
import { CellQuery, loadCell, loadMatrix, MatrixQuery, type DashboardDeps, type MatrixView } from './dashboard.route.js'
import { apiRouter, parseOr400 } from './sidebar-api.route.js'

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const FILL: Record<StatusColour, string> = { green: 'FF52C41A', yellow: 'FFFAAD14', red: 'FFF5222D', blue: 'FF1890FF', grey: 'FFD9D9D9' }
const STATUS_ZH = { on_time: '按时', made_up: '补做', overdue: '逾期', open: '进行中', not_reached: '未到达' } as const

/** One sheet: a row per member, a column per node; each cell its run count, filled with its colour, counts by status in a note. */
export async function matrixWorkbook(m: MatrixView): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('过程健康度')
  ws.addRow([`${m.processId} ${m.from.slice(0, 10)} — ${m.to.slice(0, 10)}`])
  ws.addRow(['成员 / Member', ...m.nodes.map((n) => m.nodeNames[n]?.zh ?? n)])
  for (const row of m.rows) {
    const added = ws.addRow([row.name, ...row.cells.map((c) => c.total)])
    row.cells.forEach((c, i) => {
      const cell = added.getCell(i + 2)
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[c.colour] } }
      cell.note = Object.entries(c.counts).filter(([, n]) => n > 0).map(([s, n]) => `${STATUS_ZH[s as keyof typeof STATUS_ZH]} ${n}`).join('\n') || '—'
    })
  }
  ws.getColumn(1).width = 16
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** The drill-down list as a sheet, one run a row, times in ISO 8601 (UTC). */
export async function runsWorkbook(runs: CellRun[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('节点实例')
  ws.addRow(['商机 / Opportunity', '客户 / Customer', '负责人 / Owner', '节点 / Node', '进入 / Entered', '时限 / Due', '完成 / Done', '状态 / Status', 'id'])
  for (const r of runs) {
    ws.addRow([r.title, r.customer, r.owner, r.node, r.enteredAt.toISOString(), r.dueAt?.toISOString() ?? '', r.doneAt?.toISOString() ?? '',
      STATUS_ZH[r.status], r.id])
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** GET /api/dashboard/export/matrix.xlsx and /cell.xlsx: the same queries and access rules as the JSON views. */
export function exportRoutes(d: DashboardDeps): Router<SessionState> {
  const r = apiRouter(d)
  r.get('/dashboard/export/matrix.xlsx', async (ctx) => {
    const m = await loadMatrix(d, sessionOf(ctx), parseOr400(MatrixQuery, ctx.query))
    ctx.attachment(`matrix-${m.processId}-${m.from.slice(0, 10)}.xlsx`)
    ctx.type = XLSX_MIME
    ctx.body = await matrixWorkbook(m)
  })
  r.get('/dashboard/export/cell.xlsx', async (ctx) => {
    const q = parseOr400(CellQuery, ctx.query)
    const runs = await loadCell(d, sessionOf(ctx), q)
    ctx.attachment(`runs-${q.node}-${q.colour}.xlsx`)
    ctx.type = XLSX_MIME
    ctx.body = await runsWorkbook(runs)
  })
  return r
}
