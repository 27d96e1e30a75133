import { encryptMessage, computeSignature, randomNonce } from '../crypto.js'
import type { Keyring } from '../crypto.js'
import { robotSign } from './codec.js'

// Builds what DingTalk would send: used by tests, the fake Stream endpoint and `npm run dingtalk:send`.

export type SignedPush = { query: Record<string, string>; body: string }

/** An event-subscription push: JSON `{"encrypt"}` with msg_signature/timestamp(ms)/nonce in the query. */
export function buildSignedPush(ring: Keyring, plaintext: string, timestampMs: number, nonce = randomNonce(8)): SignedPush {
  const encrypt = encryptMessage(ring.key, plaintext, ring.receiveId)
  const timestamp = String(timestampMs)
  return { query: { msg_signature: computeSignature(ring.token, timestamp, nonce, encrypt), timestamp, nonce }, body: JSON.stringify({ encrypt }) }
}

export type RobotText = { msgId: string; staffId: string; text: string; corpId: string; robotCode: string; createAt: number; conversationType?: '1' | '2' }

/** A robot message as DingTalk delivers it (PLATFORMS §6.3). */
export function robotTextPayload(m: RobotText): Record<string, unknown> {
  return {
    chatbotCorpId: m.corpId, chatbotUserId: '$:LWCP_v1:$bot', conversationId: `cid${m.staffId}`, conversationType: m.conversationType ?? '1',
    createAt: m.createAt, isAdmin: false, msgId: m.msgId, msgtype: 'text', robotCode: m.robotCode, senderCorpId: m.corpId,
    senderId: `$:LWCP_v1:$${m.staffId}`, senderNick: m.staffId, senderStaffId: m.staffId,
    sessionWebhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=x', sessionWebhookExpiredTime: m.createAt + 5_400_000,
    text: { content: m.text },
  }
}

/** Headers of a robot HTTP-mode post. */
export function robotHeaders(appSecret: string, timestampMs: number): { timestamp: string; sign: string } {
  const timestamp = String(timestampMs)
  return { timestamp, sign: robotSign(appSecret, timestamp) }
}
