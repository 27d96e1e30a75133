import { createServer, type Server } from 'node:http'
import type Router from '@koa/router'
import { pingDb } from '../io/db/data-source.js'
import type { Closer } from '../io/lifecycle.js'
import type { Runtime } from '../io/runtime.js'
import type { AppState } from './app-state.js'
import { createApp } from './app.js'

export type RunningBot = { server: Server; url: string } & Closer

/** Build the app on a runtime and listen; close() stops accepting, drains in-flight requests, then returns. */
export async function startBot(rt: Runtime, routers: Router<AppState>[] = []): Promise<RunningBot> {
  const app = createApp({
    log: rt.log,
    probes: { database: () => pingDb(rt.db), queue: () => rt.queues.ping() },
    routers,
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
  return {
    server, url, name: 'bot',
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeIdleConnections()
    }),
  }
}
