import { parse } from 'node:querystring'
import type { Context } from 'koa'
import type { CallbackQuery } from '../../io/channels/callback-query.js'

/**
 * The request's query parameters, read by node:querystring: a repeated name is an array, as with ctx.query.
 * Koa 3 builds ctx.query through URLSearchParams and an Object.defineProperty per name, and caches it under the
 * whole query string as a property key; on the callback path (four parameters, a new string every request) that was
 * ~3 % of the server's CPU per callback.
 */
export function queryOf(ctx: Context): CallbackQuery {
  return parse(ctx.querystring)
}
