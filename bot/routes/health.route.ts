import Router from '@koa/router'
import { renderMessage } from '../../core/errors.js'
import type { AppState } from '../app-state.js'

export type Probe = () => Promise<boolean>

/**
 * /healthz: the process is alive. /readyz: the database and the queue store answer, so a load
 * balancer can take an instance out while either is away.
 */
export function healthRoutes(probes: Record<string, Probe>): Router<AppState> {
  const router = new Router<AppState>()
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' }
  })
  router.get('/readyz', async (ctx) => {
    const names = Object.keys(probes)
    const results = await Promise.all(names.map((n) => probes[n]!().catch(() => false)))
    const checks = Object.fromEntries(names.map((n, i) => [n, results[i] ? 'ok' : 'down']))
    const failing = names.filter((_, i) => !results[i])
    if (failing.length === 0) {
      ctx.body = { status: 'ready', checks }
      return
    }
    ctx.status = 503
    ctx.body = {
      status: 'not_ready', checks,
      error: { code: 'NOT_READY', message: renderMessage('NOT_READY', { failing: failing.join(', ') }), requestId: ctx.state.requestId },
    }
  })
  return router
}
