import type Router from '@koa/router'
import { loadProcessConfig, type ProcessConfig } from '../../io/config/process-config.js'
import type { Runtime } from '../../io/runtime.js'
import type { AppState } from '../app-state.js'
import { dashboardCoachingRoutes } from './dashboard-coaching.route.js'
import { dashboardRecordRoutes } from './dashboard-records.route.js'
import { dashboardRoutes, type DashboardDeps } from './dashboard.route.js'
import { dashboardTraceRoutes } from './dashboard-trace.route.js'
import { dashboardHeatmapRoutes } from './dashboard-heatmap.route.js'
import { knowledgeRoutes } from './knowledge.route.js'
import { exportRoutes } from './export.route.js'

/** Every route of the manager pages (contract: sidebar/src/api/dashboard-contract.ts), behind the sidebar's session. */
export function dashboardRouters(rt: Runtime, o: { config?: ProcessConfig } = {}): Router<AppState>[] {
  const d: DashboardDeps = { db: rt.db, settings: rt.settings, config: o.config ?? loadProcessConfig() }
  return [dashboardRoutes(d), dashboardRecordRoutes(d), dashboardCoachingRoutes(d), exportRoutes(d), ...dashboardTraceRoutes(d),
    dashboardHeatmapRoutes(d), knowledgeRoutes(d)] as unknown as Router<AppState>[]
}
