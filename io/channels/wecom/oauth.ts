import { AppError } from '../../app-error.js'

/** The page WeCom shows for snsapi_base: silent, returns `code` to redirectUri (PLATFORMS §4). */
export function wecomAuthorizeUrl(o: { corpId: string; agentId: string; redirectUri: string; state: string }): string {
  const q = new URLSearchParams({ appid: o.corpId, redirect_uri: o.redirectUri, response_type: 'code', scope: 'snsapi_base',
    state: o.state, agentid: o.agentId })
  return `https://open.weixin.qq.com/connect/oauth2/authorize?${q.toString()}#wechat_redirect`
}

/**
 * auth/getuserinfo: the one-time code → the member's userid. A non-member (openid only) or a used or
 * expired code (40029) is UNAUTHENTICATED; the access token travels only in this query.
 */
export async function userIdFromCode(o: { baseUrl: string; accessToken: () => Promise<string>; code: string; fetch?: typeof fetch }): Promise<string> {
  const url = new URL(`${o.baseUrl.replace(/\/+$/, '')}/cgi-bin/auth/getuserinfo`)
  url.searchParams.set('access_token', await o.accessToken())
  url.searchParams.set('code', o.code)
  const res = await (o.fetch ?? fetch)(url, { signal: AbortSignal.timeout(10_000) })
  if (!res.ok) throw new AppError('CHANNEL_API_TRANSIENT', { channel: 'wecom', reason: `auth/getuserinfo HTTP ${res.status}` })
  const json = await res.json() as { errcode?: number; errmsg?: string; userid?: string; UserId?: string }
  if (json.errcode && json.errcode !== 0) {
    if (json.errcode === 40029 || json.errcode === 40163) throw new AppError('UNAUTHENTICATED')
    throw new AppError('CHANNEL_API_REJECTED', { channel: 'wecom', errcode: json.errcode, errmsg: json.errmsg ?? '' })
  }
  const userId = json.userid ?? json.UserId
  if (!userId) throw new AppError('FORBIDDEN')
  return userId
}
