import { createHash, randomBytes } from 'node:crypto'
import type { ContactChange } from '../channel.js'
import { computeSignature, encryptMessage, randomNonce } from '../crypto.js'
import { wecomKeyring, type WecomCallbackConfig } from './codec.js'
import { cdata, renderXml } from './xml.js'

// Builds what WeCom would POST to our callback: for `npm run wecom:send`, integration tests and the webhook bench.

export type InboundSpec =
  | { type: 'text'; from: string; content: string; msgId?: string }
  | { type: 'image'; from: string; mediaId: string; picUrl?: string; msgId?: string }
  | { type: 'voice'; from: string; mediaId: string; msgId?: string }
  | { type: 'location'; from: string; latitude: string; longitude: string; label?: string; msgId?: string }
  | { type: 'enter_agent'; from: string }
  | { type: 'location_report'; from: string; latitude: string; longitude: string; precision?: string }
  | { type: 'external_contact'; change: ContactChange; userId: string; externalUserId: string; state?: string; welcomeCode?: string }
  | { type: 'card_click'; from: string; eventKey: string; taskId: string; responseCode?: string; cardType?: string }
  | { type: 'approval'; spNo: string; spStatus: string; applicant: string; spName?: string; statusChangeEvent?: string }

export type InboundContext = { corpId: string; agentId?: string; createTime: number }

/** A fresh 19-digit MsgId (beyond 2^53, like the real ones), so every built message is a new delivery. */
export const newMsgId = (): string => `4${randomBytes(8).readBigUInt64BE() % 10n ** 18n}`.padEnd(19, '0')

/** A stable MediaId for a file's bytes, so a demo can register the same id in the fake WeCom's media/get. */
export const mediaIdForBytes = (data: Buffer): string => `sp_${createHash('sha256').update(data).digest('hex').slice(0, 40)}`

/** The decrypted XML WeCom would send for `spec` (formats from WC/90239, WC/90240, WC/92130). */
export function renderInboundXml(spec: InboundSpec, ctx: InboundContext): string {
  const head = (from: string, msgType: string) => ({ ToUserName: ctx.corpId, FromUserName: from, CreateTime: ctx.createTime, MsgType: msgType })
  const agent = ctx.agentId ? { AgentID: Number(ctx.agentId) } : {}
  switch (spec.type) {
    case 'text':
      return renderXml({ ...head(spec.from, 'text'), Content: spec.content, MsgId: spec.msgId ?? newMsgId(), ...agent })
    case 'image':
      return renderXml({ ...head(spec.from, 'image'), PicUrl: spec.picUrl ?? `https://wework.qpic.cn/${spec.mediaId}`, MediaId: spec.mediaId, MsgId: spec.msgId ?? newMsgId(), ...agent })
    case 'voice':
      return renderXml({ ...head(spec.from, 'voice'), MediaId: spec.mediaId, Format: 'amr', MsgId: spec.msgId ?? newMsgId(), ...agent })
    case 'location':
      return renderXml({ ...head(spec.from, 'location'), Location_X: spec.latitude, Location_Y: spec.longitude, Scale: '15', Label: spec.label, MsgId: spec.msgId ?? newMsgId(), ...agent })
    case 'enter_agent':
      return renderXml({ ...head(spec.from, 'event'), Event: 'enter_agent', EventKey: '', ...agent })
    case 'location_report':
      return renderXml({ ...head(spec.from, 'event'), Event: 'LOCATION', Latitude: spec.latitude, Longitude: spec.longitude, Precision: spec.precision ?? '30', ...agent })
    case 'external_contact':
      return renderXml({ ...head('sys', 'event'), Event: 'change_external_contact', ChangeType: spec.change, UserID: spec.userId, ExternalUserID: spec.externalUserId, State: spec.state, WelcomeCode: spec.welcomeCode })
    case 'card_click':
      return renderXml({ ...head(spec.from, 'event'), Event: 'template_card_event', EventKey: spec.eventKey, TaskId: spec.taskId, CardType: spec.cardType ?? 'button_interaction', ResponseCode: spec.responseCode ?? randomNonce(24), ...agent })
    case 'approval':
      return approvalXml(spec, ctx)
  }
}

function approvalXml(spec: Extract<InboundSpec, { type: 'approval' }>, ctx: InboundContext): string {
  const info = `<ApprovalInfo><SpNo>${spec.spNo}</SpNo><SpName>${cdata(spec.spName ?? '商务审批')}</SpName><SpStatus>${spec.spStatus}</SpStatus>` +
    `<TemplateId>tpl-salespath</TemplateId><ApplyTime>${ctx.createTime}</ApplyTime><Applyer><UserId>${cdata(spec.applicant)}</UserId><Party>1</Party></Applyer>` +
    `<StatuChangeEvent>${spec.statusChangeEvent ?? '1'}</StatuChangeEvent></ApprovalInfo>`
  return `<xml><ToUserName>${cdata(ctx.corpId)}</ToUserName><FromUserName>sys</FromUserName><CreateTime>${ctx.createTime}</CreateTime>` +
    `<MsgType>event</MsgType><Event>sys_approval_change</Event>${ctx.agentId ? `<AgentID>${ctx.agentId}</AgentID>` : ''}${info}</xml>`
}

export type SignedCallback = {
  query: { msg_signature: string; timestamp: string; nonce: string }
  /** `msg_signature=…&timestamp=…&nonce=…`, ready to append after `?`. */
  search: string
  /** The outer envelope POSTed as text/xml. */
  body: string
}
export type SignOptions = { timestamp?: string; nonce?: string; random16?: Buffer; agentId?: string }

function keyringOrThrow(cfg: WecomCallbackConfig) {
  const ring = wecomKeyring(cfg)
  if (!ring.ok) throw new Error(`invalid WeCom callback config: ${ring.error.code}`)
  return ring.value
}

/** Encrypts `plaintext` for `cfg.corpId` and signs it exactly as WeCom does (timestamp in seconds). */
export function buildSignedCallback(cfg: WecomCallbackConfig, plaintext: string, opts: SignOptions = {}): SignedCallback {
  const ring = keyringOrThrow(cfg)
  const timestamp = opts.timestamp ?? String(Math.floor(Date.now() / 1000))
  const nonce = opts.nonce ?? randomNonce(10)
  const encrypt = encryptMessage(ring.key, plaintext, ring.receiveId, opts.random16)
  const query = { msg_signature: computeSignature(ring.token, timestamp, nonce, encrypt), timestamp, nonce }
  const agent = opts.agentId === undefined ? '' : `<AgentID>${cdata(opts.agentId)}</AgentID>`
  const body = `<xml><ToUserName>${cdata(cfg.corpId)}</ToUserName>${agent}<Encrypt>${cdata(encrypt)}</Encrypt></xml>`
  return { query, search: new URLSearchParams(query).toString(), body }
}

/** The query of a GET URL-verification request carrying `echo` encrypted as echostr. */
export function buildVerifyUrlQuery(cfg: WecomCallbackConfig, echo: string, opts: SignOptions = {}): SignedCallback['query'] & { echostr: string } {
  const ring = keyringOrThrow(cfg)
  const timestamp = opts.timestamp ?? String(Math.floor(Date.now() / 1000))
  const nonce = opts.nonce ?? randomNonce(10)
  const echostr = encryptMessage(ring.key, echo, ring.receiveId, opts.random16)
  return { msg_signature: computeSignature(ring.token, timestamp, nonce, echostr), timestamp, nonce, echostr }
}
