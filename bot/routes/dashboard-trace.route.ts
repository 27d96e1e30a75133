import type Router from '@koa/router'
import type { SessionState } from '../middleware/session.js'
import type { DashboardDeps } from './dashboard.route.js'
import { traceExportRoutes } from './trace-export.route.js'
import { traceRecordingRoutes } from './trace-recording.route.js'
import { traceViewRoutes } from './trace-view.route.js'

/**
 * 业绩溯源: contracts and payments recorded (POST) or imported from CSV / .xlsx, listed in the caller's scope, exported,
 * and traced from a payment or contract down to the first visit's check-ins. Every route checks the caller's scope.
 */
export function dashboardTraceRoutes(d: DashboardDeps): Router<SessionState>[] {
  return [traceViewRoutes(d), traceRecordingRoutes(d), traceExportRoutes(d)]
}
