import Koa from 'koa'
import type Router from '@koa/router'
import type { Logger } from '../io/log.js'
import type { AppState } from './app-state.js'
import { errorBoundary } from './middleware/error-boundary.js'
import { requestId } from './middleware/request-id.js'
import { healthRoutes, type Probe } from './routes/health.route.js'

export type AppDeps = { log: Logger; probes: Record<string, Probe>; routers?: Router<AppState>[]; proxy?: boolean }

/** The Koa app with middleware and routes, without listen(), so tests drive it through supertest. */
export function createApp(deps: AppDeps): Koa<AppState> {
  const app = new Koa<AppState>({ proxy: deps.proxy ?? false })
  app.silent = true // errors are logged once, by the boundary
  app.use(requestId(deps.log))
  app.use(errorBoundary())
  // Health last: every router a request passes costs a dispatch (host, path, match), and callbacks are the traffic.
  for (const r of [...(deps.routers ?? []), healthRoutes(deps.probes)]) {
    app.use(r.routes())
    app.use(r.allowedMethods())
  }
  return app
}
