// Child process of bench/webhook.ts: a bare Koa handler and the full callback path, side by side on two ports.
import Koa from 'koa'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createApp } from '../../bot/app.js'
import { botRouters } from '../../bot/server.js'
import { loadSettings } from '../../config/settings.js'
import { openRuntime } from '../../io/runtime.js'

const settings = loadSettings({ ...process.env, LOG_LEVEL: 'silent' })
const rt = await openRuntime(settings, 'bench')
await rt.db.runMigrations({ transaction: 'each' })
const full = createApp({ log: rt.log, probes: {}, routers: await botRouters(rt) })
const bare = new Koa()
bare.use((ctx) => {
  ctx.status = 200
  ctx.body = ''
})
const listen = (cb: (req: IncomingMessage, res: ServerResponse) => void) => new Promise<number>((resolve) => {
  const s = createServer(cb)
  s.keepAliveTimeout = 30_000
  s.listen(0, '127.0.0.1', () => resolve((s.address() as { port: number }).port))
})
const ports = { bare: await listen(bare.callback()), full: await listen(full.callback()) }
process.stdout.write(`${JSON.stringify(ports)}\n`)
process.on('SIGTERM', () => process.exit(0))
