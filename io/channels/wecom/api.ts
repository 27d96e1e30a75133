import type { Redis } from 'ioredis'
import { sha1Hex } from '../crypto.js'
import { ChannelApiError, CREDENTIAL_ERRCODES, errcodeError, httpError, networkError, TOKEN_ERRCODES } from './api-error.js'
import { createTokenCache, type TokenCache } from './token-cache.js'

// The request layer: access_token from the shared cache, errcode → taxonomy, one refresh-and-retry on a
// token error. Tokens travel only in query strings built here; errors and logs carry the path alone.

export const WECOM_API_BASE = 'https://qyapi.weixin.qq.com'

export type WecomApiOptions = {
  corpId: string
  /** The app's secret; one access_token exists per secret (PLATFORMS §3.1). */
  secret: string
  /** Where tokens are cached and refreshed single-flight: Redis across processes, or a given cache. */
  redis?: Redis
  cache?: TokenCache
  /** Redis key namespace (default `salespath:`). */
  keyPrefix?: string
  baseUrl?: string
  timeoutMs?: number
  fetch?: typeof fetch
}
export type Query = Record<string, string | number | undefined>
export type ApiJson = { errcode?: number; errmsg?: string; [k: string]: unknown }
export type RawResponse = { status: number; contentType: string; body: Buffer }

export type WecomApi = {
  cache: TokenCache
  /** Cache name of this app's token: corp + a hash of the secret, never the secret itself. */
  tokenName: string
  accessToken(): Promise<string>
  /** GET/POST a JSON API with the access token; resolves only on errcode 0. */
  call(path: string, init?: { query?: Query; body?: unknown }): Promise<ApiJson>
  /** Like call, but hands back binary bodies (media/get); JSON bodies are checked for errcode. */
  callRaw(path: string, query: Query): Promise<RawResponse>
}

export function createWecomApi(o: WecomApiOptions): WecomApi {
  const base = (o.baseUrl ?? WECOM_API_BASE).replace(/\/+$/, '')
  const doFetch = o.fetch ?? fetch
  const timeoutMs = o.timeoutMs ?? 10_000
  const cache: TokenCache = o.cache ?? createTokenCache({ redis: redisOrThrow(o.redis), prefix: o.keyPrefix ?? 'salespath:' })
  const tokenName = `wecom_token_${o.corpId}_${sha1Hex(o.secret).slice(0, 12)}`

  async function send(path: string, query: Query, body?: unknown): Promise<RawResponse> {
    const url = new URL(`${base}/cgi-bin/${path}`)
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v))
    let res: Response
    try {
      res = await doFetch(url, {
        method: body === undefined ? 'GET' : 'POST',
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      })
    } catch (e) {
      throw networkError(path, e)
    }
    if (!res.ok) throw httpError(path, res.status)
    try {
      return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: Buffer.from(await res.arrayBuffer()) }
    } catch (e) {
      throw networkError(path, e)
    }
  }

  const parse = (path: string, r: RawResponse): ApiJson => {
    try {
      return JSON.parse(r.body.toString('utf8')) as ApiJson
    } catch {
      throw new ChannelApiError('CHANNEL_API_TRANSIENT', true, { channel: 'wecom', reason: `${path} unparseable response` })
    }
  }

  async function fetchToken() {
    const json = parse('gettoken', await send('gettoken', { corpid: o.corpId, corpsecret: o.secret }))
    const errcode = json.errcode ?? 0
    if (CREDENTIAL_ERRCODES.has(errcode)) throw new ChannelApiError('CHANNEL_CREDENTIALS_INVALID', false, { channel: 'wecom', errcode }, errcode)
    if (errcode !== 0 || typeof json.access_token !== 'string') throw errcodeError('gettoken', errcode, json.errmsg ?? '')
    return { value: json.access_token, expiresInSec: typeof json.expires_in === 'number' ? json.expires_in : 7200 }
  }
  const accessToken = () => cache.get(tokenName, fetchToken)

  /** Runs `attempt` with a token; on a token errcode drops that token and retries once with a fresh one. */
  async function withToken<T>(attempt: (token: string) => Promise<{ errcode: number; result: T; errmsg: string }>, path: string): Promise<T> {
    let token = await accessToken()
    let r = await attempt(token)
    if (TOKEN_ERRCODES.has(r.errcode)) {
      await cache.invalidate(tokenName, token)
      token = await accessToken()
      r = await attempt(token)
    }
    if (r.errcode !== 0) throw errcodeError(path, r.errcode, r.errmsg)
    return r.result
  }

  return {
    cache,
    tokenName,
    accessToken,
    call: (path, init = {}) =>
      withToken(async (token) => {
        const json = parse(path, await send(path, { ...init.query, access_token: token }, init.body))
        return { errcode: json.errcode ?? 0, errmsg: json.errmsg ?? '', result: json }
      }, path),
    callRaw: (path, query) =>
      withToken(async (token) => {
        const raw = await send(path, { ...query, access_token: token })
        if (!/json|text\/plain/i.test(raw.contentType)) return { errcode: 0, errmsg: '', result: raw }
        // media/get answers errors as JSON with HTTP 200 (WC/90254): check before treating bytes as media.
        const json = parse(path, raw)
        return { errcode: json.errcode ?? 0, errmsg: json.errmsg ?? '', result: raw }
      }, path),
  }
}

function redisOrThrow(redis: Redis | undefined): Redis {
  if (!redis) throw new Error('createWecomApi needs redis or a token cache')
  return redis
}
