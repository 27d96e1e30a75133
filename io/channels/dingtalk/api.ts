import type { Redis } from 'ioredis'
import type { ErrorCode, Params } from '../../../core/errors.js'
import { sha1Hex } from '../crypto.js'
import { ChannelApiError } from '../wecom/api-error.js'
import { createTokenCache, type TokenCache } from '../wecom/token-cache.js'

// The DingTalk request layer (PLATFORMS §6.4, §6.5): legacy oapi (`gettoken`, `topapi/*`, token in the query)
// and v1.0 (`oauth2/accessToken`, header `x-acs-dingtalk-access-token`), both tokens cached single-flight in the
// shared cache, one refresh-and-retry on a token error. Tokens never reach an error message or a log.

export const DINGTALK_OAPI_BASE = 'https://oapi.dingtalk.com'
export const DINGTALK_API_V1_BASE = 'https://api.dingtalk.com'

/** 40014 invalid / 42001 expired access_token. */
const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40014, 42001])
/** -1 busy; 143103/143104 per-minute send limits (QPM) — back off and retry. */
const TRANSIENT_ERRCODES: ReadonlySet<number> = new Set([-1, 143103, 143104])
/** gettoken with a wrong appkey/appsecret. */
const CREDENTIAL_ERRCODES: ReadonlySet<number> = new Set([40089, 40096])

export type DingtalkApiOptions = {
  appKey: string
  appSecret: string
  redis?: Redis
  cache?: TokenCache
  keyPrefix?: string
  /** oapi host; a non-default host (a fake) serves the v1.0 API too unless `v1BaseUrl` says otherwise. */
  baseUrl?: string
  v1BaseUrl?: string
  timeoutMs?: number
  fetch?: typeof fetch
}
export type Json = { errcode?: number; errmsg?: string; [k: string]: unknown }

const fail = (code: ErrorCode, transient: boolean, params: Params, errcode?: number) =>
  new ChannelApiError(code, transient, { channel: 'dingtalk', ...params }, errcode)
const transient = (reason: string) => fail('CHANNEL_API_TRANSIENT', true, { reason })

export function errcodeFailure(path: string, errcode: number, errmsg: string): ChannelApiError {
  return TRANSIENT_ERRCODES.has(errcode) ? fail('CHANNEL_API_TRANSIENT', true, { reason: `${path} errcode ${errcode}` }, errcode)
    : fail('CHANNEL_API_REJECTED', false, { errcode, errmsg: errmsg.slice(0, 200), path }, errcode)
}

export function createDingtalkApi(o: DingtalkApiOptions) {
  const oapi = (o.baseUrl ?? DINGTALK_OAPI_BASE).replace(/\/+$/, '')
  const v1 = (o.v1BaseUrl ?? (oapi === DINGTALK_OAPI_BASE ? DINGTALK_API_V1_BASE : oapi)).replace(/\/+$/, '')
  const doFetch = o.fetch ?? fetch
  const cache = o.cache ?? createTokenCache({ redis: redisOrThrow(o.redis), prefix: o.keyPrefix ?? 'salespath:' })
  const name = (kind: string) => `dingtalk_${kind}_${o.appKey}_${sha1Hex(o.appSecret).slice(0, 12)}`

  async function request(path: string, url: URL, init: RequestInit): Promise<Response> {
    let res: Response
    try {
      res = await doFetch(url, { ...init, signal: AbortSignal.timeout(o.timeoutMs ?? 10_000) })
    } catch (e) {
      throw transient(`${path} ${e instanceof Error ? e.name : 'network'}`)
    }
    if (res.status >= 500 || res.status === 429) throw transient(`${path} HTTP ${res.status}`)
    return res
  }
  async function json(path: string, res: Response): Promise<Json> {
    try {
      return (await res.json()) as Json
    } catch {
      throw transient(`${path} unparseable response`)
    }
  }

  async function fetchLegacyToken() {
    const url = new URL(`${oapi}/gettoken`)
    url.searchParams.set('appkey', o.appKey)
    url.searchParams.set('appsecret', o.appSecret)
    const j = await json('gettoken', await request('gettoken', url, { method: 'GET' }))
    const errcode = j.errcode ?? 0
    if (CREDENTIAL_ERRCODES.has(errcode)) throw fail('CHANNEL_CREDENTIALS_INVALID', false, { errcode }, errcode)
    if (errcode !== 0 || typeof j.access_token !== 'string') throw errcodeFailure('gettoken', errcode, j.errmsg ?? '')
    return { value: j.access_token, expiresInSec: typeof j.expires_in === 'number' ? j.expires_in : 7200 }
  }
  async function fetchV1Token() {
    const res = await request('oauth2/accessToken', new URL(`${v1}/v1.0/oauth2/accessToken`), {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ appKey: o.appKey, appSecret: o.appSecret }),
    })
    const j = await json('oauth2/accessToken', res)
    if (res.status >= 400 || typeof j.accessToken !== 'string') throw fail('CHANNEL_CREDENTIALS_INVALID', false, { errcode: String(j.code ?? res.status) })
    return { value: j.accessToken, expiresInSec: typeof j.expireIn === 'number' ? j.expireIn : 7200 }
  }
  const accessToken = () => cache.get(name('token'), fetchLegacyToken)
  const v1Token = () => cache.get(name('v1token'), fetchV1Token)

  /** POST a legacy `topapi/*` call; resolves only on errcode 0. */
  const oapiPost = (path: string, body: unknown): Promise<Json> =>
    oapiCall(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  /** GET a legacy oapi call (e.g. get_jsapi_ticket); resolves only on errcode 0. */
  const oapiGet = (path: string): Promise<Json> => oapiCall(path, { method: 'GET' })

  async function oapiCall(path: string, init: RequestInit): Promise<Json> {
    const attempt = async (token: string) => {
      const url = new URL(`${oapi}/${path}`)
      url.searchParams.set('access_token', token)
      return json(path, await request(path, url, init))
    }
    let token = await accessToken()
    let j = await attempt(token)
    if (TOKEN_ERRCODES.has(j.errcode ?? 0)) {
      await cache.invalidate(name('token'), token)
      token = await accessToken()
      j = await attempt(token)
    }
    if ((j.errcode ?? 0) !== 0) throw errcodeFailure(path, j.errcode ?? 0, j.errmsg ?? '')
    return j
  }

  /** POST a v1.0 API; its errors are HTTP 4xx with `{code, message}`. A 401 refreshes the token once. */
  async function v1Post(path: string, body: unknown): Promise<Json> {
    const attempt = async (token: string) => request(path, new URL(`${v1}/v1.0/${path}`), {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-acs-dingtalk-access-token': token }, body: JSON.stringify(body),
    })
    let token = await v1Token()
    let res = await attempt(token)
    if (res.status === 401) {
      await cache.invalidate(name('v1token'), token)
      token = await v1Token()
      res = await attempt(token)
    }
    const j = await json(path, res)
    if (res.status >= 400) throw fail('CHANNEL_API_REJECTED', false, { errcode: String(j.code ?? res.status), errmsg: String(j.message ?? '').slice(0, 200), path })
    return j
  }

  /** Download bytes from a URL the API handed out (no token attached). */
  async function download(path: string, url: string): Promise<{ data: Buffer; contentType: string }> {
    const res = await request(path, new URL(url), { method: 'GET' })
    if (!res.ok) throw fail('CHANNEL_API_REJECTED', false, { errcode: `HTTP ${res.status}`, errmsg: '', path })
    return { data: Buffer.from(await res.arrayBuffer()), contentType: res.headers.get('content-type') ?? 'application/octet-stream' }
  }

  return { accessToken, v1Token, oapiPost, oapiGet, v1Post, download, cache, appKey: o.appKey }
}
export type DingtalkApi = ReturnType<typeof createDingtalkApi>

function redisOrThrow(redis: Redis | undefined): Redis {
  if (!redis) throw new Error('createDingtalkApi needs redis or a token cache')
  return redis
}
