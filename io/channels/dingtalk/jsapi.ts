import { reject, type Rejection } from '../../../core/errors.js'
import { err, ok, type Result } from '../../../core/result.js'
import { jsapiSignature, randomNonce } from '../crypto.js'
import { ChannelApiError } from '../wecom/api-error.js'
import { isTrustedUrl } from '../wecom/jsapi.js'
import type { DingtalkApi } from './api.js'

// dd.config for the H5 micro-app (PLATFORMS §6.6): the ticket from get_jsapi_ticket (cached with the token,
// single flight), the signature formula WeCom uses (§1.7 has DingTalk's vector). Tickets never leave the server.

export type DingtalkJsapiSignature = { timeStamp: number; nonceStr: string; signature: string }

export function createDingtalkJsapiSigner(api: DingtalkApi, o: { trustedDomains: readonly string[]; now?: () => number }) {
  function getTicket(): Promise<string> {
    return api.cache.get(`dingtalk_jsapi_${api.appKey}`, async () => {
      const j = await api.oapiGet('get_jsapi_ticket')
      if (typeof j.ticket !== 'string') throw new ChannelApiError('CHANNEL_API_TRANSIENT', true, { channel: 'dingtalk', reason: 'ticket missing' })
      return { value: j.ticket, expiresInSec: typeof j.expires_in === 'number' ? j.expires_in : 7200 }
    })
  }

  /** Signs the page URL (without its fragment), only for pages on this app's own domain: a signature is a capability. */
  async function sign(url: string): Promise<Result<DingtalkJsapiSignature, Rejection>> {
    const page = url.split('#')[0] ?? ''
    if (!isTrustedUrl(page, o.trustedDomains)) return err(reject('JSAPI_URL_NOT_ALLOWED', { url: page.slice(0, 200) }))
    const timeStamp = Math.floor((o.now ?? Date.now)() / 1000)
    const nonceStr = randomNonce(16)
    return ok({ timeStamp, nonceStr, signature: jsapiSignature(await getTicket(), nonceStr, String(timeStamp), page) })
  }

  return { getTicket, sign }
}
