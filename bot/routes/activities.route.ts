import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type Router from '@koa/router'
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import { AppError } from '../../io/app-error.js'
import { CONFIG_DIR } from '../../io/config/process-config.js'
import { Activity } from '../../io/db/entities/activity.entity.js'
import { scopeOf } from '../../io/db/dashboard.repo.js'
import { authorizeCustomer, authorizeOpportunity } from '../middleware/authorize.js'
import { sessionOf, type SessionState } from '../middleware/session.js'
import { apiRouter, isUniqueViolation, readJson, replayedActivity, type SidebarDeps } from './sidebar-api.route.js'

const CompetitorsFile = z.object({ competitors: z.array(z.object({ id: z.string().min(1), name: z.string().min(1), products: z.array(z.string()).default([]) })) })
export type Competitor = z.output<typeof CompetitorsFile>['competitors'][number]

/** config/competitors.yaml; none when the file is absent. A broken file stops the bot at start, naming it. */
export function loadCompetitors(dir = CONFIG_DIR): Competitor[] {
  let text: string
  try {
    text = readFileSync(join(dir, 'competitors.yaml'), 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw e
  }
  const r = CompetitorsFile.safeParse(parseYaml(text))
  if (!r.success) throw new AppError('CONFIG_INVALID', { issues: `competitors.yaml: ${r.error.issues[0]?.message ?? 'invalid'}` })
  return r.data.competitors
}

const TalkBody = z.object({
  clientId: z.string().min(1).max(64), customerId: z.string(), opportunityId: z.string().optional(), kind: z.literal('competitor_talk'),
  deviceAt: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not an ISO 8601 time'), text: z.string().trim().min(1).max(5000),
  competitor: z.string().min(1), product: z.string().max(200), price: z.number().nonnegative().max(1e12).nullable(),
})

/** Competitor talk as a searchable record; the competitor list and keyword dictionaries for the page's pickers. */
export function activityRoutes(d: SidebarDeps, competitors: Competitor[] = loadCompetitors()): Router<SessionState> {
  const r = apiRouter(d)
  r.get('/competitors', (ctx) => {
    ctx.body = { items: competitors }
  })
  r.get('/keywords', (ctx) => {
    const words = [...new Set(d.config.keywords.flatMap((k) => k.categories).flatMap((c) => c.keywords))]
    ctx.body = { items: words.map((word) => ({ word, aliases: [] })) }
  })
  r.post('/activities', async (ctx) => {
    const s = sessionOf(ctx)
    const b = await readJson(ctx, TalkBody)
    const customer = await authorizeCustomer(d.db.manager, s, b.customerId)
    const opp = b.opportunityId ? await authorizeOpportunity(d.db.manager, s, b.opportunityId) : null
    if (opp && opp.customerId !== customer.id) throw new AppError('FORBIDDEN')
    const competitor = competitors.find((c) => c.id === b.competitor)
    if (!competitor) throw new AppError('BAD_REQUEST', { detail: `competitor: unknown ${b.competitor}` })
    const earlier = await replayedActivity(d, s, b.clientId, b.kind)
    if (earlier) return void (ctx.body = { id: earlier })
    const receivedAt = new Date()
    const deviceAt = new Date(b.deviceAt)
    const price = b.price === null ? '' : ` ¥${b.price.toLocaleString('zh-CN')}`
    const row = await d.db.manager.save(d.db.manager.create(Activity, { tenantId: s.tenantId, customerId: customer.id, opportunityId: opp?.id ?? null,
      memberId: s.memberId, kind: 'competitor_talk', summary: `${competitor.name} ${b.product}${price}：${b.text}`.slice(0, 2000),
      occurredAt: deviceAt > receivedAt ? receivedAt : deviceAt, deviceAt, receivedAt, clientId: b.clientId,
      data: { text: b.text, competitor: competitor.id, competitorName: competitor.name, product: b.product, price: b.price } }))
      .catch(async (e: unknown) => {
        const first = isUniqueViolation(e) ? await replayedActivity(d, s, b.clientId, b.kind) : null
        if (!first) throw e
        return { id: first, replayed: true }
      })
    ctx.status = 'replayed' in row ? 200 : 201
    ctx.body = { id: row.id }
  })
  r.get('/competitor-talk', async (ctx) => {
    const s = sessionOf(ctx)
    const q = SearchQuery.safeParse(ctx.query)
    if (!q.success) throw new AppError('BAD_REQUEST', { detail: q.error.issues[0]?.message ?? 'query' })
    ctx.body = { items: await searchCompetitorTalk(d, s.tenantId, s.memberId, q.data) }
  })
  return r
}

const SearchQuery = z.object({ q: z.string().trim().max(100).default(''), competitor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20) })

/**
 * Competitor talk the member may see — what they recorded, what their team recorded (the org subtree), or
 * everything for an admin — matched on the text, product or competitor, newest first.
 */
async function searchCompetitorTalk(d: SidebarDeps, tenantId: string, memberId: string, q: z.output<typeof SearchQuery>) {
  const scope = await scopeOf(d.db.manager, tenantId, memberId)
  const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  const rows: { id: string; summary: string; data: Record<string, unknown>; occurred_at: Date; customer: string | null; member: string | null }[] =
    await d.db.query(`SELECT a.id, a.summary, a.data, a.occurred_at, c.name AS customer, m.name AS member
      FROM activity a LEFT JOIN customer c ON c.id = a.customer_id LEFT JOIN member m ON m.id = a.member_id
      WHERE a.tenant_id = $1 AND a.kind = 'competitor_talk' AND ($2::boolean OR a.member_id = ANY($3::uuid[]))
        AND (a.summary ILIKE $4 OR a.data->>'product' ILIKE $4 OR a.data->>'competitorName' ILIKE $4)
        AND ($5::text IS NULL OR a.data->>'competitor' = $5)
      ORDER BY a.occurred_at DESC LIMIT $6`,
    [tenantId, scope.all, scope.all ? [] : scope.memberIds, like, q.competitor ?? null, q.limit])
  return rows.map((r) => ({ id: r.id, summary: r.summary, competitor: r.data.competitorName ?? null, product: r.data.product ?? null,
    price: r.data.price ?? null, occurredAt: r.occurred_at.toISOString(), customer: r.customer, member: r.member }))
}
