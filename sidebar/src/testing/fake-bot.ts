import type { FetchFn } from '../api/client.js'

export type FakeRequest = { method: string; path: string; query: URLSearchParams; body: unknown }
export type FakeReply = { status?: number; body?: unknown }
/** Return NETWORK_DOWN from a handler to make that one request fail as if the connection dropped. */
export const NETWORK_DOWN = Symbol('network down')
export type FakeHandler = (req: FakeRequest) => FakeReply | typeof NETWORK_DOWN | Promise<FakeReply | typeof NETWORK_DOWN>

/**
 * A tiny stand-in for the bot's HTTP API, passed to the client as its fetch. Routes are "METHOD /path" (no query);
 * anything unrouted answers 404 in the bot's error shape. It records every request it receives.
 */
export function fakeBot(routes: Record<string, FakeHandler>) {
  const received: FakeRequest[] = []
  const state = { offline: false }
  const fetch: FetchFn = async (input, init) => {
    if (state.offline) throw new TypeError('Failed to fetch')
    const url = new URL(input, 'http://sidebar.test')
    const raw = init?.body
    const body = typeof raw === 'string' ? JSON.parse(raw) : raw
    const req = { method: init?.method ?? 'GET', path: url.pathname, query: url.searchParams, body }
    const handler = routes[`${req.method} ${req.path}`]
    const reply = handler ? await handler(req) : { status: 404, body: errorBody('NOT_FOUND', '找不到', 'Not found') }
    if (reply === NETWORK_DOWN) throw new TypeError('Failed to fetch')
    received.push(req)
    return new Response(JSON.stringify(reply.body ?? {}), { status: reply.status ?? 200, headers: { 'content-type': 'application/json' } })
  }
  const calls = (method: string, path: string) => received.filter((r) => r.method === method && r.path === path)
  return { fetch, received, calls, state }
}

export const errorBody = (code: string, zh: string, en: string, params?: Record<string, unknown>) =>
  ({ error: { code, message: { zh, en }, requestId: 'req-test', ...(params ? { params } : {}) } })
