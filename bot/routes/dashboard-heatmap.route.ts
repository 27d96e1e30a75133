import type Router from '@koa/router'
import { z } from 'zod'
import type { HeatmapConfig } from '../../core/dashboard/heatmap-config.js'
import { loadHeatmapConfig } from '../../io/config/heatmap-config.js'
import { scopeOf } from '../../io/db/dashboard.repo.js'
import { loadHeatmapView, type HeatmapView } from '../../io/heatmap-view.js'
import { sessionOf, type Session, type SessionState } from '../middleware/session.js'
import type { DashboardDeps } from './dashboard.route.js'
import { XLSX_MIME } from './export.route.js'
import { heatmapWorkbook } from './heatmap-workbook.js'
import { apiRouter, parseOr400 } from './sidebar-api.route.js'

export const HeatmapQuery = z.object({
  week: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => !Number.isNaN(Date.parse(s)), 'not a date').optional(),
  weeks: z.coerce.number().int().min(1).max(26).default(8),
})

/** The heatmap of the visits the caller may see: admins the tenant, managers their subtree, reps their own. */
export async function loadHeatmap(d: DashboardDeps, cfg: HeatmapConfig, s: Session, q: z.output<typeof HeatmapQuery>, now = new Date()): Promise<HeatmapView> {
  const scope = await scopeOf(d.db.manager, s.tenantId, s.memberId)
  const at = q.week ? new Date(`${q.week}T12:00:00+08:00`) : now
  return loadHeatmapView(d.db.manager, cfg, s.tenantId, scope.all ? null : scope.memberIds, at, q.weeks)
}

/** What the visit form asks for the heatmap, straight from config/heatmap.yaml. */
export const heatmapForm = (cfg: HeatmapConfig) => ({ department: cfg.department, fields: cfg.fields })

/** GET /api/dashboard/heatmap, /api/heatmap-form and /api/dashboard/export/heatmap.xlsx. */
export function dashboardHeatmapRoutes(d: DashboardDeps, cfg: HeatmapConfig = loadHeatmapConfig()): Router<SessionState> {
  const r = apiRouter(d)
  r.get('/heatmap-form', (ctx) => {
    sessionOf(ctx)
    ctx.body = heatmapForm(cfg)
  })
  r.get('/dashboard/heatmap', async (ctx) => {
    ctx.body = await loadHeatmap(d, cfg, sessionOf(ctx), parseOr400(HeatmapQuery, ctx.query))
  })
  r.get('/dashboard/export/heatmap.xlsx', async (ctx) => {
    const h = await loadHeatmap(d, cfg, sessionOf(ctx), parseOr400(HeatmapQuery, ctx.query))
    ctx.attachment(`heatmap-${h.weeks.at(-1)}.xlsx`)
    ctx.type = XLSX_MIME
    ctx.body = await heatmapWorkbook(h)
  })
  return r
}
