import type Router from '@koa/router'
import ExcelJS from 'exceljs'
import type { ContractListItem, PaymentListItem } from '../../io/db/trace-list.repo.js'
import { listContracts, listPayments } from '../../io/db/trace-list.repo.js'
import { sessionOf, type SessionState } from '../middleware/session.js'
import type { DashboardDeps } from './dashboard.route.js'
import { XLSX_MIME } from './export.route.js'
import { apiRouter, parseOr400 } from './sidebar-api.route.js'
import { ListParams, listQuery } from './trace-view.route.js'

const money = '#,##0.00'

/** Contracts, one a row, with what was paid on each; the headers are the ones the import reads, so the sheet can go back in. */
export async function contractsWorkbook(rows: ContractListItem[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('合同')
  ws.addRow(['合同编号', '客户', '商机', '金额', '签订日期', '审批单号', '已回款 / Paid', '回款笔数 / Payments', '负责人 / Owner', '来源 / Source'])
  for (const c of rows) ws.addRow([c.number, c.customer, c.title, Number(c.amount), c.signedOn, c.approvalRef ?? '', Number(c.paid), c.payments, c.owner, c.source])
  ws.getColumn(4).numFmt = money
  ws.getColumn(7).numFmt = money
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** Payments, one a row, under the headers the payment import reads. */
export async function paymentsWorkbook(rows: PaymentListItem[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('回款')
  ws.addRow(['合同编号', '回款金额', '回款日期', '回款单号', '客户 / Customer', '负责人 / Owner', '来源 / Source'])
  for (const p of rows) ws.addRow([p.contractNumber, Number(p.amount), p.paidOn, p.reference, p.customer, p.owner, p.source])
  ws.getColumn(2).numFmt = money
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** GET /api/dashboard/export/contracts.xlsx and /payments.xlsx: the same scope and filters as the JSON lists. */
export function traceExportRoutes(d: DashboardDeps): Router<SessionState> {
  const r = apiRouter(d)
  r.get('/dashboard/export/contracts.xlsx', async (ctx) => {
    const s = sessionOf(ctx)
    const rows = await listContracts(d.db.manager, s.tenantId, await listQuery(d, s, parseOr400(ListParams, ctx.query)))
    ctx.attachment('contracts.xlsx')
    ctx.type = XLSX_MIME
    ctx.body = await contractsWorkbook(rows)
  })
  r.get('/dashboard/export/payments.xlsx', async (ctx) => {
    const s = sessionOf(ctx)
    const rows = await listPayments(d.db.manager, s.tenantId, await listQuery(d, s, parseOr400(ListParams, ctx.query)))
    ctx.attachment('payments.xlsx')
    ctx.type = XLSX_MIME
    ctx.body = await paymentsWorkbook(rows)
  })
  return r
}
