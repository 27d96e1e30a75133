import type Router from '@koa/router'
import { z } from 'zod'
import { monthsBefore, pickForCoaching } from '../../core/dashboard/coaching.js'
import { AppError } from '../../io/app-error.js'
import { latestRuns, nodeRecords, scopeOf } from '../../io/db/dashboard.repo.js'
import { sessionOf, type Session, type SessionState } from '../middleware/session.js'
import { cellRunJson, type DashboardDeps } from './dashboard.route.js'
import { apiRouter, parseOr400 } from './sidebar-api.route.js'

export const CoachingQuery = z.object({
  processId: z.string().min(1).max(64).optional(), node: z.string().min(1).max(64),
  months: z.coerce.number().int().min(1).max(60).default(6),
})

/** 精准带教: among the reps the caller may see, the 3 recent hires slowest at the node, each with their last 5 runs there. */
export async function loadCoaching(d: DashboardDeps, s: Session, q: z.output<typeof CoachingQuery>, now = new Date()) {
  const def = q.processId ? d.config.definitions.find((x) => x.id === q.processId) : d.config.definitions[0]
  if (!def || !def.nodes.some((n) => n.key === q.node)) throw new AppError('NOT_FOUND', { what: `node ${q.node}` })
  const scope = await scopeOf(d.db.manager, s.tenantId, s.memberId)
  const since = monthsBefore(now, q.months)
  const records = await nodeRecords(d.db.manager, s.tenantId, scope.all ? null : scope.memberIds, { processId: def.id, node: q.node, since, now })
  const picks = pickForCoaching(records, since)
  const reps = await Promise.all(picks.map(async (p) => ({ ...p,
    last: (await latestRuns(d.db.manager, s.tenantId, { processId: def.id, memberId: p.memberId, node: q.node, now, limit: 5 })).map(cellRunJson) })))
  return { processId: def.id, node: q.node, since, reps }
}

/** GET /api/dashboard/coaching?node=&months= */
export function dashboardCoachingRoutes(d: DashboardDeps): Router<SessionState> {
  const r = apiRouter(d)
  r.get('/dashboard/coaching', async (ctx) => {
    ctx.body = await loadCoaching(d, sessionOf(ctx), parseOr400(CoachingQuery, ctx.query))
  })
  return r
}
