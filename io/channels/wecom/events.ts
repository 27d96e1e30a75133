import { reject, type Rejection } from '../../../core/errors.js'
import { err, ok, type Result } from '../../../core/result.js'
import { CONTACT_CHANGES, type ChannelEvent, type ContactChange, type EventBase } from '../channel.js'
import { sha1Hex } from '../crypto.js'
import { child, children, parseXmlRoot, text, texts, type XmlRecord } from './xml.js'

// Message and event formats: WC/90239 (messages), WC/90240 (events), WC/92130 (客户联系), PLATFORMS §2.

type Body<K extends ChannelEvent['kind']> = Omit<Extract<ChannelEvent, { kind: K }>, keyof EventBase>
type Payload = { [K in ChannelEvent['kind']]: Body<K> }[ChannelEvent['kind']]

const isContactChange = (x: string | undefined): x is ContactChange => (CONTACT_CHANGES as readonly (string | undefined)[]).includes(x)

/** Decrypted plaintext → a normalised event. Unknown message types and events become `unknown`, never an error. */
export function decodeWecomEvent(plaintext: string): Result<ChannelEvent, Rejection> {
  const parsed = parseXmlRoot(plaintext)
  if (!parsed.ok) return parsed
  const x = parsed.value
  const msgType = text(x, 'MsgType')
  const createTime = text(x, 'CreateTime')
  if (!msgType || !createTime || !/^\d{1,13}$/.test(createTime)) return err(reject('CALLBACK_MALFORMED', { detail: 'MsgType/CreateTime' }))
  const msgId = text(x, 'MsgId') || undefined
  const agentId = text(x, 'AgentID') || undefined
  const base: EventBase = {
    channel: 'wecom',
    // Events have no MsgId, and `sys+CreateTime` collides within a second (PLATFORMS §1.5).
    dedupeKey: msgId ? `msg_${msgId}` : `evt_${sha1Hex(plaintext)}`,
    corpId: text(x, 'ToUserName') ?? '',
    from: text(x, 'FromUserName') ?? '',
    sentAt: Number(createTime) * 1000,
    ...(agentId ? { agentId } : {}),
  }
  const payload = msgType === 'event' ? eventPayload(x, base.from) : messagePayload(x, msgType, msgId)
  return ok({ ...base, ...payload } as ChannelEvent)
}

function messagePayload(x: XmlRecord, msgType: string, msgId: string | undefined): Payload {
  if (!msgId) return { kind: 'unknown', msgType }
  const mediaId = text(x, 'MediaId')
  switch (msgType) {
    case 'text':
      return { kind: 'text', msgId, text: text(x, 'Content') ?? '' }
    case 'image':
      return mediaId ? { kind: 'image', msgId, mediaId, ...opt('picUrl', text(x, 'PicUrl')) } : { kind: 'unknown', msgType, msgId }
    case 'voice':
      return mediaId ? { kind: 'voice', msgId, mediaId, ...opt('format', text(x, 'Format')) } : { kind: 'unknown', msgType, msgId }
    case 'location': {
      const latitude = text(x, 'Location_X')
      const longitude = text(x, 'Location_Y')
      if (!latitude || !longitude) return { kind: 'unknown', msgType, msgId }
      return { kind: 'location', msgId, latitude, longitude, ...opt('scale', text(x, 'Scale')), ...opt('label', text(x, 'Label')) }
    }
    default:
      return { kind: 'unknown', msgType, msgId }
  }
}

function eventPayload(x: XmlRecord, from: string): Payload {
  const event = text(x, 'Event') ?? ''
  const unknown: Payload = { kind: 'unknown', msgType: 'event', event }
  switch (event) {
    case 'enter_agent':
      return { kind: 'enter_agent' }
    case 'LOCATION': {
      const latitude = text(x, 'Latitude')
      const longitude = text(x, 'Longitude')
      return latitude && longitude ? { kind: 'location_report', latitude, longitude, ...opt('precision', text(x, 'Precision')) } : unknown
    }
    case 'click':
      return { kind: 'menu_click', eventKey: text(x, 'EventKey') ?? '' }
    case 'change_external_contact':
      return contactPayload(x) ?? unknown
    case 'sys_approval_change':
      return approvalPayload(x) ?? unknown
    case 'template_card_event':
      return cardPayload(x, from) ?? unknown
    default:
      return unknown
  }
}

function contactPayload(x: XmlRecord): Payload | null {
  const change = text(x, 'ChangeType')
  const userId = text(x, 'UserID')
  const externalUserId = text(x, 'ExternalUserID')
  if (!isContactChange(change) || !userId || !externalUserId) return null
  return {
    kind: 'external_contact', change, userId, externalUserId,
    ...opt('state', text(x, 'State')), ...opt('welcomeCode', text(x, 'WelcomeCode')),
    ...opt('source', text(x, 'Source')), ...opt('failReason', text(x, 'FailReason')),
  }
}

function approvalPayload(x: XmlRecord): Payload | null {
  const info = child(x, 'ApprovalInfo')
  const spNo = info && (text(info, 'SpNo') || text(info, 'SpNoStr'))
  const spStatus = info && text(info, 'SpStatus')
  if (!info || !spNo || !spStatus) return null
  const applyer = child(info, 'Applyer')
  return {
    kind: 'approval', spNo, spStatus,
    ...opt('spName', text(info, 'SpName')), ...opt('templateId', text(info, 'TemplateId')),
    ...opt('applicant', applyer && text(applyer, 'UserId')), ...opt('statusChangeEvent', text(info, 'StatuChangeEvent')),
    ...opt('applyTime', text(info, 'ApplyTime')),
  }
}

function cardPayload(x: XmlRecord, from: string): Payload | null {
  const eventKey = text(x, 'EventKey')
  const taskId = text(x, 'TaskId')
  if (!eventKey || !taskId) return null
  const selected = children(child(x, 'SelectedItems') ?? {}, 'SelectedItem').map((item) => ({
    questionKey: text(item, 'QuestionKey') ?? '',
    optionIds: texts(child(item, 'OptionIds'), 'OptionId'),
  }))
  return {
    kind: 'card_click', eventKey, taskId, actionKey: `${taskId}_${from}_${eventKey}`, selected,
    ...opt('responseCode', text(x, 'ResponseCode')), ...opt('cardType', text(x, 'CardType')),
  }
}

/** `{ name: value }` when the value is a non-empty string, else nothing (keeps optional fields absent, not ''). */
function opt<K extends string>(name: K, value: string | undefined): { [P in K]?: string } {
  return (value ? { [name]: value } : {}) as { [P in K]?: string }
}
