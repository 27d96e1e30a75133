import type Router from '@koa/router'
import type { Context } from 'koa'
import { z } from 'zod'
import { renderMessage } from '../../core/errors.js'
import { IMPORT_KINDS } from '../../core/dashboard/import-columns.js'
import { parseContractRows, parsePaymentRows, type Parsed, type RowIssue } from '../../core/dashboard/import-rows.js'
import { parseAmount, parseDay, parseKey } from '../../core/dashboard/import-values.js'
import { AppError, isAppError } from '../../io/app-error.js'
import { recordContract } from '../../io/db/contract.repo.js'
import { canSee, scopeOf } from '../../io/db/dashboard.repo.js'
import { Contract } from '../../io/db/entities/contract.entity.js'
import { Opportunity } from '../../io/db/entities/opportunity.entity.js'
import { importContracts, importPayments, type ImportResult } from '../../io/db/import.repo.js'
import { recordPayment } from '../../io/db/payment.repo.js'
import { readSheet } from '../../io/import/sheet.js'
import { isUuid } from '../middleware/authorize.js'
import { readMultipart } from '../middleware/multipart.js'
import { sessionOf, type Session, type SessionState } from '../middleware/session.js'
import type { DashboardDeps } from './dashboard.route.js'
import { apiRouter, readJson, refuse } from './sidebar-api.route.js'

const MAX_FILE_BYTES = 5 * 1024 * 1024
const uuid = z.string().refine(isUuid, 'not a uuid')
/** A zod transform from one of core's parsers: null from the parser is a 400 naming the field. */
const by = <I, T>(parse: (x: I) => T | null, message: string) => (x: I, c: z.RefinementCtx): T => {
  const v = parse(x)
  if (v === null) c.addIssue({ code: 'custom', message })
  return v ?? z.NEVER
}
const amount = z.union([z.number(), z.string()]).transform(by(parseAmount, 'not an amount in yuan'))
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').transform(by(parseDay, 'not a calendar day'))
const key = z.string().transform(by(parseKey, '1 to 64 characters'))
const ContractBody = z.object({ opportunityId: uuid, number: key, amount, signedOn: day, approvalRef: key.nullable().default(null) })
const PaymentBody = z.object({ contractId: uuid, amount, paidOn: day, reference: key })

/** The caller may record for an opportunity whose owner is in their scope (themselves, their subtree, or anyone for admins). */
async function authorizeFor(d: DashboardDeps, s: Session, ownerId: string): Promise<void> {
  if (!canSee(await scopeOf(d.db.manager, s.tenantId, s.memberId), ownerId)) throw new AppError('FORBIDDEN')
}

async function postContract(d: DashboardDeps, s: Session, b: z.output<typeof ContractBody>) {
  const opp = await d.db.manager.findOneBy(Opportunity, { tenantId: s.tenantId, id: b.opportunityId })
  if (!opp) throw new AppError('NOT_FOUND', { what: `opportunity ${b.opportunityId}` })
  await authorizeFor(d, s, opp.ownerId)
  const res = await d.db.transaction((tx) => recordContract(tx, { tenantId: s.tenantId, opportunityId: opp.id, customerId: opp.customerId, number: b.number,
    amount: b.amount, signedOn: b.signedOn, approvalRef: b.approvalRef, source: 'api', createdBy: s.memberId }, new Date(), s.memberId))
  if (res.conflict) throw new AppError('CONTRACT_NUMBER_TAKEN', { number: b.number })
  return res
}

async function postPayment(d: DashboardDeps, s: Session, b: z.output<typeof PaymentBody>) {
  const contract = await d.db.manager.findOneBy(Contract, { tenantId: s.tenantId, id: b.contractId })
  const opp = contract ? await d.db.manager.findOneBy(Opportunity, { tenantId: s.tenantId, id: contract.opportunityId }) : null
  if (!contract || !opp) throw new AppError('NOT_FOUND', { what: `contract ${b.contractId}` })
  await authorizeFor(d, s, opp.ownerId)
  const res = await d.db.transaction((tx) => recordPayment(tx, { tenantId: s.tenantId, contractId: contract.id, amount: b.amount, paidOn: b.paidOn,
    reference: b.reference, source: 'api', createdBy: s.memberId }, new Date(), s.memberId))
  if (res.conflict) throw new AppError('PAYMENT_REFERENCE_TAKEN', { reference: b.reference })
  return res
}

/** multipart/form-data: `kind` (contracts | payments) and one `file` (CSV or .xlsx). */
async function runImport(ctx: Context, d: DashboardDeps, s: Session): Promise<ImportResult> {
  const form = await readMultipart(ctx, MAX_FILE_BYTES).catch((e: unknown) => {
    throw isAppError(e) && e.code === 'IMAGE_TOO_LARGE' ? new AppError('PAYLOAD_TOO_LARGE', { limit: '5 MB' }) : e
  })
  const kind = z.enum(IMPORT_KINDS).safeParse(form.fields.kind)
  if (!kind.success) throw new AppError('BAD_REQUEST', { detail: 'kind: contracts or payments' })
  const file = form.files.find((f) => f.field === 'file')
  if (!file) throw new AppError('BAD_REQUEST', { detail: 'file: missing' })
  const sheet = await readSheet(file.data)
  const actor = { tenantId: s.tenantId, memberId: s.memberId, scope: await scopeOf(d.db.manager, s.tenantId, s.memberId) }
  return kind.data === 'contracts'
    ? writeParsed(parseContractRows(sheet.header, sheet.rows), (rows) => importContracts(d.db, actor, rows, new Date()))
    : writeParsed(parsePaymentRows(sheet.header, sheet.rows), (rows) => importPayments(d.db, actor, rows, new Date()))
}

/** Rows with a problem found while parsing are refused before anything touches the database. */
function writeParsed<T>(parsed: Parsed<T>, write: (rows: T[]) => Promise<ImportResult>): Promise<ImportResult> {
  if (!parsed.ok) throw new AppError('IMPORT_COLUMNS_MISSING', { columns: parsed.missing.join(', ') })
  if (parsed.issues.length) return Promise.resolve({ ok: false, issues: parsed.issues })
  return write(parsed.rows)
}

const issueJson = (i: RowIssue) => ({ row: i.row, code: i.code, message: renderMessage(i.code, i.params) })

/** POST /api/dashboard/contracts, /payments (JSON, idempotent on number / reference) and /import (a whole file or nothing). */
export function traceRecordingRoutes(d: DashboardDeps): Router<SessionState> {
  const r = apiRouter(d)
  r.post('/dashboard/contracts', async (ctx) => {
    const res = await postContract(d, sessionOf(ctx), await readJson(ctx, ContractBody))
    ctx.status = res.inserted ? 201 : 200
    ctx.body = { contract: res.contract }
  })
  r.post('/dashboard/payments', async (ctx) => {
    const res = await postPayment(d, sessionOf(ctx), await readJson(ctx, PaymentBody))
    ctx.status = res.inserted ? 201 : 200
    ctx.body = { payment: res.payment }
  })
  r.post('/dashboard/import', async (ctx) => {
    const res = await runImport(ctx, d, sessionOf(ctx))
    if (!res.ok) return refuse(ctx, 'IMPORT_ROWS_INVALID', { count: res.issues.length }, { rows: res.issues.map(issueJson) })
    ctx.body = { inserted: res.inserted, unchanged: res.unchanged }
  })
  return r
}
