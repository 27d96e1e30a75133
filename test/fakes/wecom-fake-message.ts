import type { FakeUser } from './wecom-fake-state.js'

// message/send validation as WeCom does it (WC/90236): agentid, msgtype and its object, content limits,
// recipients (unknown ones are reported in invaliduser; all unknown → 81013).

export type MessageBody = Record<string, unknown> & { msgtype?: unknown; touser?: unknown; agentid?: unknown }
type Checked = { reply: { status: number; json: unknown } } | { body: MessageBody; touser: string[]; invalid: string[] }

const MSG_TYPES = new Set(['text', 'markdown', 'image', 'voice', 'video', 'file', 'textcard', 'news', 'mpnews', 'template_card'])
const INTERACTIVE = new Set(['button_interaction', 'vote_interaction', 'multiple_interaction'])
const refuse = (errcode: number, errmsg: string): Checked => ({ reply: { status: 200, json: { errcode, errmsg } } })

export function checkMessage(raw: Buffer, agentId: string | number, users: ReadonlyMap<string, FakeUser>): Checked {
  let body: MessageBody
  try {
    body = JSON.parse(raw.toString('utf8')) as MessageBody
  } catch {
    return refuse(47001, 'data format error')
  }
  if (String(body.agentid) !== String(agentId)) return refuse(40056, 'invalid agentid')
  const msgtype = typeof body.msgtype === 'string' ? body.msgtype : ''
  const payload = body[msgtype] as Record<string, unknown> | undefined
  if (!MSG_TYPES.has(msgtype) || typeof payload !== 'object' || payload === null) return refuse(40008, 'invalid message type')
  const contentError = checkContent(msgtype, payload)
  if (contentError) return contentError
  if (typeof body.touser !== 'string' || body.touser === '') return refuse(40031, 'invalid userid list')
  const wanted = body.touser === '@all' ? [...users.keys()] : body.touser.split('|')
  const invalid = users.size === 0 ? [] : wanted.filter((u) => !users.has(u))
  if (invalid.length === wanted.length && wanted.length > 0 && users.size > 0) return refuse(81013, 'user & party & tag all invalid')
  if (wanted.length > 1000) return refuse(40031, 'too many users')
  return { body, touser: wanted.filter((u) => !invalid.includes(u)), invalid: invalid.map((u) => u.toLowerCase()) }
}

function checkContent(msgtype: string, payload: Record<string, unknown>): Checked | null {
  if (msgtype === 'text' || msgtype === 'markdown') {
    const content = payload.content
    if (typeof content !== 'string' || content === '') return refuse(44004, 'empty content')
    if (Buffer.byteLength(content) > 2048) return refuse(45002, 'content size out of limit')
  }
  if (msgtype === 'template_card') {
    const cardType = String(payload.card_type ?? '')
    if (!cardType) return refuse(40058, 'card_type missing')
    if (INTERACTIVE.has(cardType) && !payload.task_id) return refuse(40058, 'task_id missing')
    if (cardType === 'button_interaction' && !(Array.isArray(payload.button_list) && payload.button_list.length > 0)) return refuse(40058, 'button_list missing')
    if (cardType === 'text_notice' && !payload.card_action) return refuse(40058, 'card_action missing')
  }
  return null
}
