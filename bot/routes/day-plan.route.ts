import type Router from '@koa/router'
import { fromLocal, isoToDay, toLocal } from '../../core/timing/beijing-time.js'
import { AppError } from '../../io/app-error.js'
import { memberDayPlan } from '../../io/day-plan.js'
import { sessionOf, type SessionState } from '../middleware/session.js'
import { apiRouter, type SidebarDeps } from './sidebar-api.route.js'

/** GET /api/day-plan?date=YYYY-MM-DD: the signed-in rep's route for a day (today by default), as the morning message has it. */
export function dayPlanRoutes(d: SidebarDeps): Router<SessionState> {
  const r = apiRouter(d)
  r.get('/day-plan', async (ctx) => {
    const s = sessionOf(ctx)
    const date = typeof ctx.query.date === 'string' ? ctx.query.date : undefined
    const day = date ? isoToDay(date) : toLocal(new Date()).day
    if (day === null) throw new AppError('BAD_REQUEST', { detail: 'date must be YYYY-MM-DD' })
    const { stops, plan } = await memberDayPlan(d.db.manager, s.tenantId, s.memberId, fromLocal(day, 0))
    if (plan && !plan.ok) throw AppError.from(plan.error)
    ctx.body = { stops: stops.map(({ id, name, lat, lng }) => ({ id, name, lat, lng })), plan: plan?.value ?? null }
  })
  return r
}
