import { randomUUID } from 'node:crypto'
import type { Middleware } from 'koa'
import type { Logger } from '../../io/log.js'
import type { AppState } from '../app-state.js'

const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/

/** Every request gets an id (kept from a trusted proxy's X-Request-Id) and a logger bound to it. */
export const requestId = (log: Logger): Middleware<AppState> => async (ctx, next) => {
  const given = ctx.get('x-request-id')
  ctx.state.requestId = SAFE_ID.test(given) ? given : randomUUID()
  ctx.state.log = log.child({ requestId: ctx.state.requestId })
  ctx.set('X-Request-Id', ctx.state.requestId)
  await next()
}
