import type Router from '@koa/router'
import { z } from 'zod'
import { KNOWLEDGE_KINDS, assetRates, lastQuarters, quarterStart } from '../../core/dashboard/asset-rate.js'
import { KNOWLEDGE_STATUSES, checkReview } from '../../core/dashboard/knowledge-review.js'
import { fromLocal, isoToDay } from '../../core/timing/beijing-time.js'
import { AppError } from '../../io/app-error.js'
import { appendAudit } from '../../io/db/audit.repo.js'
import { canSee, scopeOf } from '../../io/db/dashboard.repo.js'
import { KnowledgeItem } from '../../io/db/entities/knowledge-item.entity.js'
import { Member } from '../../io/db/entities/member.entity.js'
import { approvedItems, listKnowledge, teamOf, teamOpportunities } from '../../io/db/knowledge.repo.js'
import { isUuid } from '../middleware/authorize.js'
import { sessionOf, type Session, type SessionState } from '../middleware/session.js'
import type { DashboardDeps } from './dashboard.route.js'
import { apiRouter, parseOr400, readJson } from './sidebar-api.route.js'

const NewItem = z.object({ kind: z.enum(KNOWLEDGE_KINDS), title: z.string().trim().min(1).max(200), body: z.string().trim().min(1).max(20_000),
  department: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,31}$/).nullable().default(null) })
const Review = z.object({ to: z.enum(KNOWLEDGE_STATUSES) })
const ListQuery = z.object({ status: z.enum(KNOWLEDGE_STATUSES).optional() })
const RateQuery = z.object({ quarters: z.coerce.number().int().min(2).max(12).default(4) })

const me = async (d: DashboardDeps, s: Session) => {
  const m = await d.db.manager.findOneBy(Member, { tenantId: s.tenantId, id: s.memberId })
  if (!m) throw new AppError('FORBIDDEN')
  return m
}

/** draft → reviewed → reusable by a manager above the author (or an admin), never the author; reviewer and audit entry recorded. */
async function review(d: DashboardDeps, s: Session, id: string, to: KnowledgeItem['status'], now: Date): Promise<KnowledgeItem> {
  const actor = await me(d, s)
  return d.db.transaction(async (tx) => {
    const item = isUuid(id) ? await tx.findOne(KnowledgeItem, { where: { tenantId: s.tenantId, id }, lock: { mode: 'pessimistic_write' } }) : null
    if (!item) throw new AppError('NOT_FOUND', { what: `knowledge item ${id}` })
    const ok = checkReview(item.status, to, item.authorId, actor)
    if (!ok.ok && ok.error.code !== 'KNOWLEDGE_TRANSITION_NOT_ALLOWED') throw AppError.from(ok.error)
    if (!canSee(await scopeOf(tx, s.tenantId, actor.id), item.authorId)) throw new AppError('FORBIDDEN')
    if (!ok.ok) throw AppError.from(ok.error)
    const from = item.status
    Object.assign(item, to === 'reviewed' ? { status: to, reviewerId: actor.id, reviewedAt: now } : { status: to, approverId: actor.id, approvedAt: now })
    const saved = await tx.save(item)
    await appendAudit(tx, { tenantId: s.tenantId, at: now, actor: actor.id, entity: 'knowledge_item', entityId: item.id,
      action: to === 'reviewed' ? 'reviewed' : 'approved', data: { from, to } })
    return saved
  })
}

/** 过程资产沉淀率 of the teams headed by members the caller may see, over the last quarters. */
async function loadRates(d: DashboardDeps, s: Session, quarters: number, now: Date) {
  const scope = await scopeOf(d.db.manager, s.tenantId, s.memberId)
  const heads: { id: string; name: string }[] = await d.db.manager.query(
    `SELECT id, name FROM member WHERE tenant_id = $1 AND role IN ('manager', 'admin') AND ($2::uuid[] IS NULL OR id = ANY($2))
        AND EXISTS (SELECT 1 FROM member r WHERE r.tenant_id = $1 AND r.manager_id = member.id) ORDER BY name, id`,
    [s.tenantId, scope.all ? null : scope.memberIds])
  const qs = lastQuarters(now, quarters)
  const from = fromLocal(isoToDay(quarterStart(qs[0]!)!)!, 0)
  const teams = heads.map((h) => h.id)
  const rates = assetRates(teams, qs, await approvedItems(d.db.manager, s.tenantId, teams, from, now), await teamOpportunities(d.db.manager, s.tenantId, from, now))
  return { quarters: qs, teams: rates.map((r) => ({ ...r, name: heads.find((h) => h.id === r.teamId)!.name })) }
}

/** /api/knowledge (list, write, review) and /api/dashboard/asset-rate. */
export function knowledgeRoutes(d: DashboardDeps): Router<SessionState> {
  const r = apiRouter(d)
  r.get('/knowledge', async (ctx) => {
    const s = sessionOf(ctx)
    const q = parseOr400(ListQuery, ctx.query)
    const [scope, viewer] = [await scopeOf(d.db.manager, s.tenantId, s.memberId), await me(d, s)]
    const mine = await listKnowledge(d.db.manager, s.tenantId, scope.all ? null : scope.memberIds, q.status)
    const shared = q.status && q.status !== 'reusable' ? [] : await listKnowledge(d.db.manager, s.tenantId, null, 'reusable')
    const items = [...new Map([...mine, ...shared].map((i) => [i.id, i])).values()]
    ctx.body = { items: items.map((i) => ({ ...i, canReview: checkReview(i.status, i.status === 'draft' ? 'reviewed' : 'reusable', i.authorId,
      viewer).ok && canSee(scope, i.authorId) })) }
  })
  r.post('/knowledge', async (ctx) => {
    const s = sessionOf(ctx)
    const body = await readJson(ctx, NewItem)
    const author = await me(d, s)
    const now = new Date()
    ctx.body = await d.db.transaction(async (tx) => {
      const item = await tx.save(tx.create(KnowledgeItem, { ...body, tenantId: s.tenantId, status: 'draft', authorId: author.id, teamId: teamOf(author) }))
      await appendAudit(tx, { tenantId: s.tenantId, at: now, actor: author.id, entity: 'knowledge_item', entityId: item.id, action: 'created',
        data: { kind: item.kind, title: item.title } })
      return item
    })
    ctx.status = 201
  })
  r.post('/knowledge/:id/review', async (ctx) => {
    const s = sessionOf(ctx)
    ctx.body = await review(d, s, ctx.params.id!, (await readJson(ctx, Review)).to, new Date())
  })
  r.get('/dashboard/asset-rate', async (ctx) => {
    ctx.body = await loadRates(d, sessionOf(ctx), parseOr400(RateQuery, ctx.query).quarters, new Date())
  })
  return r
}
