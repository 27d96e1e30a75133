import type Router from '@koa/router'
import { In } from 'typeorm'
import { z } from 'zod'
import { assembleTrace, type TraceRecord, type TraceStep } from '../../core/dashboard/trace.js'
import { AppError } from '../../io/app-error.js'
import { auditHash } from '../../io/db/audit.repo.js'
import { canSee, scopeOf, type Scope } from '../../io/db/dashboard.repo.js'
import { AuditLog } from '../../io/db/entities/audit-log.entity.js'
import { Member } from '../../io/db/entities/member.entity.js'
import { listContracts, listPayments, type ListQuery } from '../../io/db/trace-list.repo.js'
import { contractFacts, contractOfPayment, traceInput } from '../../io/db/trace.repo.js'
import { isUuid } from '../middleware/authorize.js'
import { sessionOf, type Session, type SessionState } from '../middleware/session.js'
import type { DashboardDeps } from './dashboard.route.js'
import { attachmentUrl } from './dashboard-records.route.js'
import { apiRouter, iso, parseOr400 } from './sidebar-api.route.js'

const uuid = z.string().refine(isUuid, 'not a uuid')
const TraceQuery = z.object({ paymentId: uuid.optional(), contractId: uuid.optional() })
  .refine((q) => Boolean(q.paymentId) !== Boolean(q.contractId), 'give exactly one of paymentId and contractId')
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
export const ListParams = z.object({ from: day.optional(), to: day.optional(), limit: z.coerce.number().int().min(1).max(2000).default(500) })

/** Whose records the caller may list: null for everyone (admins), else the members of their scope. */
export const idsOf = (scope: Scope): string[] | null => (scope.all ? null : scope.memberIds)

export async function listQuery(d: DashboardDeps, s: Session, q: z.output<typeof ListParams>): Promise<ListQuery> {
  return { ids: idsOf(await scopeOf(d.db.manager, s.tenantId, s.memberId)), from: q.from ?? null, to: q.to ?? null, limit: q.limit }
}

/** The trace of a contract (or of the contract a payment was made on): 404 outside the tenant, 403 outside the caller's scope. */
export async function loadTrace(d: DashboardDeps, s: Session, q: z.output<typeof TraceQuery>) {
  const m = d.db.manager
  const contractId = q.contractId ?? (await contractOfPayment(m, s.tenantId, q.paymentId!))
  const contract = contractId ? await contractFacts(m, s.tenantId, contractId) : null
  if (!contract) throw new AppError('NOT_FOUND', { what: q.paymentId ? `payment ${q.paymentId}` : `contract ${q.contractId}` })
  const scope = await scopeOf(m, s.tenantId, s.memberId)
  if (!canSee(scope, contract.ownerId)) throw new AppError('FORBIDDEN')
  const steps = assembleTrace(await traceInput(m, s.tenantId, contract, q.paymentId ?? null), (id) => id === null || canSee(scope, id))
  return { contract: { id: contract.id, number: contract.number, title: contract.title, customer: contract.customer, opportunityId: contract.opportunityId },
    focusPaymentId: q.paymentId ?? null, steps: await stepsJson(d, s.tenantId, steps) }
}

/** Steps as the page shows them: member names, links to photos and quote images, and the audit entries of contracts and payments. */
async function stepsJson(d: DashboardDeps, tenantId: string, steps: TraceStep[]) {
  const records = steps.flatMap((st) => st.records)
  const memberIds = [...new Set(records.flatMap((r) => (r.memberId ? [r.memberId] : [])))]
  const names = new Map((memberIds.length ? await d.db.manager.find(Member, { where: { tenantId, id: In(memberIds) }, select: { id: true, name: true } }) : [])
    .map((mb) => [mb.id, mb.name]))
  const audited = records.filter((r) => r.kind === 'contract' || r.kind === 'payment').map((r) => r.id)
  const audit = audited.length ? await d.db.manager.find(AuditLog, { where: { tenantId, entityId: In(audited) }, order: { seq: 'ASC' } }) : []
  const recordJson = (r: TraceRecord) => ({ ...r, at: iso(r.at), member: r.memberId ? names.get(r.memberId) ?? null : null, url: urlOf(r),
    audit: audit.filter((e) => e.entityId === r.id).map((e) => ({ seq: e.seq, at: iso(e.at), actor: e.actor, action: e.action, data: e.data,
      intact: auditHash(e.prevHash, e) === e.hash })) })
  return steps.map((st) => ({ ...st, at: iso(st.at), records: st.records.map(recordJson) }))
}

const urlOf = (r: TraceRecord): string | null => {
  const id = r.kind === 'quote' ? r.data.attachmentId : r.data.photoAttachmentId
  return typeof id === 'string' ? attachmentUrl(id) : null
}

/** GET /api/dashboard/trace, /contracts and /payments (contract: sidebar/src/api/trace-contract.ts). */
export function traceViewRoutes(d: DashboardDeps): Router<SessionState> {
  const r = apiRouter(d)
  r.get('/dashboard/trace', async (ctx) => {
    ctx.body = await loadTrace(d, sessionOf(ctx), parseOr400(TraceQuery, ctx.query))
  })
  r.get('/dashboard/contracts', async (ctx) => {
    const s = sessionOf(ctx)
    ctx.body = { contracts: await listContracts(d.db.manager, s.tenantId, await listQuery(d, s, parseOr400(ListParams, ctx.query))) }
  })
  r.get('/dashboard/payments', async (ctx) => {
    const s = sessionOf(ctx)
    ctx.body = { payments: await listPayments(d.db.manager, s.tenantId, await listQuery(d, s, parseOr400(ListParams, ctx.query))) }
  })
  return r
}
