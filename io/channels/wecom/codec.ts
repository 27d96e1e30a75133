import { reject, type Rejection } from '../../../core/errors.js'
import { err, ok, type Result } from '../../../core/result.js'
import type { ChannelEvent } from '../channel.js'
import { queryParam, type CallbackQuery } from '../callback-query.js'
import { decodeAesKey, openEnvelope, type Keyring } from '../crypto.js'
import { decodeWecomEvent } from './events.js'
import { parseXmlRoot, text } from './xml.js'

// The pure half of the callback route (WC/90930): verify → decrypt → parse → normalise. No I/O.

export type WecomCallbackConfig = { token: string; encodingAesKey: string; corpId: string }
export type OpenedCallback = { plaintext: string; event: ChannelEvent }
/** Optional replay window: refuse callbacks whose `timestamp` (seconds) is further than this from `now`. */
export type Freshness = { now: Date; maxSkewSeconds: number }

/** Decode the EncodingAESKey once (at boot or when a tenant is loaded). */
export function wecomKeyring(cfg: WecomCallbackConfig): Result<Keyring, Rejection> {
  const key = decodeAesKey(cfg.encodingAesKey)
  return key.ok ? ok({ token: cfg.token, key: key.value, receiveId: cfg.corpId }) : key
}

type Signed = { signature: string; timestamp: string; nonce: string }

function readSigned(query: CallbackQuery, fresh?: Freshness): Result<Signed, Rejection> {
  const signature = queryParam(query, 'msg_signature')
  const timestamp = queryParam(query, 'timestamp')
  const nonce = queryParam(query, 'nonce')
  if (!signature) return err(reject('CALLBACK_BAD_SIGNATURE'))
  if (!timestamp || !nonce) return err(reject('CALLBACK_MALFORMED', { detail: 'timestamp/nonce' }))
  if (fresh && Math.abs(fresh.now.getTime() / 1000 - Number(timestamp)) > fresh.maxSkewSeconds) return err(reject('CALLBACK_STALE'))
  return ok({ signature, timestamp, nonce })
}

/** GET URL verification: the decrypted echostr, to be answered as bare text/plain within 1 s. */
export function verifyUrl(ring: Keyring, query: CallbackQuery, fresh?: Freshness): Result<string, Rejection> {
  const signed = readSigned(query, fresh)
  if (!signed.ok) return signed
  const echostr = queryParam(query, 'echostr')
  if (!echostr) return err(reject('CALLBACK_MALFORMED', { detail: 'echostr' }))
  const opened = openEnvelope(ring, { ...signed.value, encrypt: echostr })
  return opened.ok ? ok(opened.value.message) : opened
}

// The envelope is three flat elements and Encrypt is base64 covered by the signature, so a strict linear
// scan skips a full XML pass on the hot path (~25 µs of ~120); anything unusual goes through the parser.
function scanEncrypt(body: string): string | undefined {
  const t = body.trim()
  if (!t.startsWith('<xml>') || !t.endsWith('</xml>') || /<!(?!\[CDATA\[)/.test(t)) return undefined
  const open = t.indexOf('<Encrypt>')
  const close = t.indexOf('</Encrypt>')
  if (open < 0 || close < open || t.indexOf('<Encrypt>', open + 1) !== -1) return undefined
  let value = t.slice(open + '<Encrypt>'.length, close)
  if (value.startsWith('<![CDATA[') && value.endsWith(']]>')) value = value.slice(9, -3)
  return /^[A-Za-z0-9+/=]+$/.test(value) ? value : undefined
}

function readEncrypt(body: string): Result<string, Rejection> {
  const fast = scanEncrypt(body)
  if (fast) return ok(fast)
  const outer = parseXmlRoot(body)
  if (!outer.ok) return outer
  const encrypt = text(outer.value, 'Encrypt')
  return encrypt ? ok(encrypt) : err(reject('CALLBACK_MALFORMED', { detail: 'Encrypt' }))
}

/** POST callback: verify the signature over <Encrypt>, decrypt, check the corp, normalise the inner XML. */
export function openCallback(ring: Keyring, query: CallbackQuery, rawBody: string, fresh?: Freshness): Result<OpenedCallback, Rejection> {
  const signed = readSigned(query, fresh)
  if (!signed.ok) return signed
  const encrypt = readEncrypt(rawBody)
  if (!encrypt.ok) return encrypt
  const opened = openEnvelope(ring, { ...signed.value, encrypt: encrypt.value })
  if (!opened.ok) return opened
  const event = decodeWecomEvent(opened.value.message)
  return event.ok ? ok({ plaintext: opened.value.message, event: event.value }) : event
}
