import { randomUUID } from 'node:crypto'
import type { Middleware } from 'koa'
import type { Logger } from '../../io/log.js'
import type { AppState } from '../app-state.js'

const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/

/**
 * Every request gets an id (kept from a trusted proxy's X-Request-Id) and a logger bound to it, made on first use:
 * most requests (every callback that goes well) never log, and a child logger per request is a measurable share
 * of the callback path's CPU.
 */
export const requestId = (log: Logger): Middleware<AppState> => async (ctx, next) => {
  const given = ctx.get('x-request-id')
  ctx.state.requestId = SAFE_ID.test(given) ? given : randomUUID()
  let child: Logger | undefined
  Object.defineProperty(ctx.state, 'log', {
    get: () => (child ??= log.child({ requestId: ctx.state.requestId })),
    set: (value: Logger) => { child = value },
    enumerable: true, configurable: true,
  })
  ctx.set('X-Request-Id', ctx.state.requestId)
  await next()
}
