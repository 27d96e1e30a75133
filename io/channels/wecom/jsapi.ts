import { reject, type Rejection } from '../../../core/errors.js'
import { err, ok, type Result } from '../../../core/result.js'
import { jsapiSignature, randomNonce } from '../crypto.js'
import { ChannelApiError } from './api-error.js'
import type { WecomApi } from './api.js'

// JS-SDK tickets (WC/90506): corp ticket for register's getConfigSignature, agent ticket for
// getAgentConfigSignature. Both are limited per hour (400/corp, 100/app), so they live in the token cache.

export type TicketKind = 'corp' | 'agent'
export type JsapiSignature = { timestamp: number; nonceStr: string; signature: string }

export function createJsapiSigner(api: WecomApi, o: { corpId: string; agentId: string; trustedDomains: readonly string[] }) {
  const ticketName = (kind: TicketKind) => (kind === 'corp' ? `wecom_jsapi_corp_${o.corpId}` : `wecom_jsapi_agent_${o.corpId}_${o.agentId}`)

  function getTicket(kind: TicketKind): Promise<string> {
    return api.cache.get(ticketName(kind), async () => {
      const json = kind === 'corp' ? await api.call('get_jsapi_ticket') : await api.call('ticket/get', { query: { type: 'agent_config' } })
      if (typeof json.ticket !== 'string') throw new ChannelApiError('CHANNEL_API_TRANSIENT', true, { channel: 'wecom', reason: 'ticket missing' })
      return { value: json.ticket, expiresInSec: typeof json.expires_in === 'number' ? json.expires_in : 7200 }
    })
  }

  /** Signs `url` for the sidebar, only for pages on a configured trusted domain (a signature is a capability). */
  async function sign(url: string, kind: TicketKind, at?: { timestamp: number; nonceStr: string }): Promise<Result<JsapiSignature, Rejection>> {
    const page = url.split('#')[0] ?? ''
    if (!isTrustedUrl(page, o.trustedDomains)) return err(reject('JSAPI_URL_NOT_ALLOWED', { url: page.slice(0, 200) }))
    const timestamp = at?.timestamp ?? Math.floor(Date.now() / 1000)
    const nonceStr = at?.nonceStr ?? randomNonce(16)
    return ok({ timestamp, nonceStr, signature: jsapiSignature(await getTicket(kind), nonceStr, String(timestamp), page) })
  }

  return { getTicket, sign }
}

/** http(s) URL whose host (with port, if any) or hostname equals a trusted domain exactly; no userinfo tricks. */
export function isTrustedUrl(url: string, trustedDomains: readonly string[]): boolean {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return false
  }
  if (!/^https?:$/.test(u.protocol) || u.username || u.password) return false
  return trustedDomains.some((d) => d.toLowerCase() === u.host || d.toLowerCase() === u.hostname)
}
