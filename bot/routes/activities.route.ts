import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type Router from '@koa/router'
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import { AppError } from '../../io/app-error.js'
import { CONFIG_DIR } from '../../io/config/process-config.js'
import { Activity } from '../../io/db/entities/activity.entity.js'
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
  return r
}
