import { createHmac, timingSafeEqual } from 'node:crypto'
import { reject, type Rejection } from '../../../core/errors.js'
import { err, ok, type Result } from '../../../core/result.js'
import type { ChannelEvent } from '../channel.js'
import { queryParam, type CallbackQuery } from '../callback-query.js'
import { decodeAesKey, openEnvelope, sealMessage, type Keyring } from '../crypto.js'
import { decodeDingtalkEvent, decodeRobotMessage } from './events.js'

// The pure half of DingTalk's HTTP push (PLATFORMS §6.1): the WeCom algorithm with millisecond timestamps,
// JSON `{"encrypt"}` bodies and an encrypted `success` reply. No I/O.

/** receiveId is the appKey for an internal app's event subscription, the suite key for a third-party app. */
export type DingtalkCallbackConfig = { token: string; encodingAesKey: string; receiveId: string }
/** Optional replay window in milliseconds (DingTalk timestamps are ms). */
export type Freshness = { nowMs: number; maxSkewMs: number }
export type OpenedDingtalk = { plaintext: string; event: ChannelEvent | 'check_url' }
/** The reply body DingTalk expects within 1500 ms; anything else fails the push (71009 at setup). */
export type SuccessReply = { msg_signature: string; timeStamp: string; nonce: string; encrypt: string }

export function dingtalkKeyring(cfg: DingtalkCallbackConfig): Result<Keyring, Rejection> {
  const key = decodeAesKey(cfg.encodingAesKey)
  return key.ok ? ok({ token: cfg.token, key: key.value, receiveId: cfg.receiveId }) : key
}

function readEncrypt(rawBody: string): Result<string, Rejection> {
  try {
    const body: unknown = JSON.parse(rawBody)
    const encrypt = (body as { encrypt?: unknown } | null)?.encrypt
    if (typeof encrypt === 'string' && /^[A-Za-z0-9+/=]+$/.test(encrypt)) return ok(encrypt)
  } catch { /* fall through */ }
  return err(reject('CALLBACK_MALFORMED', { detail: 'encrypt' }))
}

/** POST push: signature (current `msg_signature`/`timestamp` or legacy `signature`/`timeStamp` names), decrypt, check receiver, decode. */
export function openDingtalkCallback(ring: Keyring, query: CallbackQuery, rawBody: string, nowMs: number, fresh?: Freshness): Result<OpenedDingtalk, Rejection> {
  const signature = queryParam(query, 'msg_signature', 'signature')
  const timestamp = queryParam(query, 'timestamp', 'timeStamp')
  const nonce = queryParam(query, 'nonce')
  if (!signature) return err(reject('CALLBACK_BAD_SIGNATURE'))
  if (!timestamp || !nonce) return err(reject('CALLBACK_MALFORMED', { detail: 'timestamp/nonce' }))
  if (fresh && !(Math.abs(fresh.nowMs - Number(timestamp)) <= fresh.maxSkewMs)) return err(reject('CALLBACK_STALE'))
  const encrypt = readEncrypt(rawBody)
  if (!encrypt.ok) return encrypt
  const opened = openEnvelope(ring, { signature, timestamp, nonce, encrypt: encrypt.value })
  if (!opened.ok) return opened
  const event = decodeDingtalkEvent(opened.value.message, ring.receiveId, nowMs)
  return event.ok ? ok({ plaintext: opened.value.message, event: event.value }) : event
}

/** The encrypted literal `success`, signed over our own timeStamp (ms) and nonce. */
export function sealSuccess(ring: Keyring, timeStamp: string, nonce: string, random16?: Buffer): SuccessReply {
  const s = sealMessage(ring, 'success', timeStamp, nonce, random16)
  return { msg_signature: s.signature, timeStamp: s.timestamp, nonce: s.nonce, encrypt: s.encrypt }
}

/** Robot HTTP mode: `sign` = base64(HmacSHA256(appSecret, timestamp + "\n" + appSecret)), timestamp within 1 h. */
export function robotSign(appSecret: string, timestamp: string): string {
  return createHmac('sha256', appSecret).update(`${timestamp}\n${appSecret}`).digest('base64')
}

export function openRobotMessage(appSecret: string, headers: { timestamp?: string; sign?: string }, rawBody: string, nowMs: number): Result<ChannelEvent, Rejection> {
  const { timestamp, sign } = headers
  if (!timestamp || !sign) return err(reject('CALLBACK_BAD_SIGNATURE'))
  if (!(Math.abs(nowMs - Number(timestamp)) <= 3_600_000)) return err(reject('CALLBACK_STALE'))
  const expected = Buffer.from(robotSign(appSecret, timestamp))
  const given = Buffer.from(sign)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return err(reject('CALLBACK_BAD_SIGNATURE'))
  return decodeRobotMessage(rawBody)
}
