import { createServer, type Server } from 'node:http'
import type Router from '@koa/router'
import { pingDb } from '../io/db/data-source.js'
import type { Closer } from '../io/lifecycle.js'
import type { Runtime } from '../io/runtime.js'
import { createTenantDirectory, syncEnvDingtalkTenant, syncEnvTenant } from '../io/tenants.js'
import type { AppState } from './app-state.js'
import { createApp } from './app.js'
import { wecomRoutes } from './routes/wecom.route.js'
import { dingtalkRoutes } from './routes/dingtalk.route.js'
import { startDingtalkStreams } from '../io/channels/dingtalk/stream-tenants.js'
import { sidebarRouters } from './routes/sidebar.route.js'
import { dashboardRouters } from './routes/dashboard-api.route.js'
import { dingtalkCardRoutes } from './routes/dingtalk-card.route.js'

export type RunningBot = { server: Server; url: string } & Closer

/** Every route the bot serves, built on a runtime. Tests add their own routers beside these. */
export async function botRouters(rt: Runtime): Promise<Router<AppState>[]> {
  await syncEnvTenant(rt.db, rt.settings)
  await syncEnvDingtalkTenant(rt.db, rt.settings)
  const tenants = createTenantDirectory(rt.db)
  const callbacks = { db: rt.db, queues: rt.queues, tenants, bodyLimit: rt.settings.CALLBACK_BODY_LIMIT }
  return [wecomRoutes(callbacks), dingtalkRoutes(callbacks), ...sidebarRouters(rt), ...dashboardRouters(rt),
    dingtalkCardRoutes({ db: rt.db, queues: rt.queues, secret: rt.settings.SESSION_SECRET })]
}

/** Build the app on a runtime and listen; close() stops accepting, drains in-flight requests, then returns. */
export async function startBot(rt: Runtime, extra: Router<AppState>[] = []): Promise<RunningBot> {
  const app = createApp({
    log: rt.log,
    probes: { database: () => pingDb(rt.db), queue: () => rt.queues.ping() },
    routers: [...(await botRouters(rt)), ...extra],
  })
  const server = createServer(app.callback())
  server.keepAliveTimeout = 5_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(rt.settings.PORT, rt.settings.HOST, () => resolve())
  })
  const addr = server.address()
  const port = typeof addr === 'object' && addr ? addr.port : rt.settings.PORT
  const url = `http://${rt.settings.HOST === '0.0.0.0' ? '127.0.0.1' : rt.settings.HOST}:${port}`
  rt.log.info({ url }, 'bot listening')
  // DingTalk tenants switched to Stream mode receive over their own connection instead of the push route.
  const streams = await startDingtalkStreams({ db: rt.db, queues: rt.queues, log: rt.log })
  return {
    server, url, name: 'bot',
    close: async () => {
      await streams.close()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeIdleConnections()
      })
    },
  }
}
