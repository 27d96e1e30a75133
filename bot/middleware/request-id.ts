import { randomUUID } from 'node:crypto'
import type { Middleware } from 'koa'
import type { Logger } from '../../io/log.js'
import type { AppState } from '../app-state.js'

const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/

/** ctx.state of one request: its id, and a logger bound to it that is made on first use. */
class RequestState implements AppState {
  #log: Logger | undefined
  constructor(private readonly base: Logger, readonly requestId: string) {}
  get log(): Logger {
    return (this.#log ??= this.base.child({ requestId: this.requestId }))
  }
  set log(value: Logger) {
    this.#log = value
  }
}

/**
 * Every request gets an id (kept from a trusted proxy's X-Request-Id) and a logger bound to it. The logger is
 * made when something logs: most requests (every callback that goes well) never do, and a child logger per
 * request was a measurable share of the callback path's CPU.
 */
export const requestId = (log: Logger): Middleware<AppState> => async (ctx, next) => {
  const given = ctx.get('x-request-id')
  ctx.state = new RequestState(log, SAFE_ID.test(given) ? given : randomUUID())
  ctx.set('X-Request-Id', ctx.state.requestId)
  await next()
}
