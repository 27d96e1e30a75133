import type { Card, Channel, Media, SendReceipt } from '../channel.js'
import { AppError } from '../../app-error.js'
import { createDingtalkApi, type DingtalkApiOptions } from './api.js'
import { cardActionUrl, type CardLinks } from './card-link.js'
import { createDingtalkDirectory, memberOf, type DingtalkUser } from './directory.js'
import { createDingtalkJsapiSigner } from './jsapi.js'

export type { DingtalkDepartment, DingtalkUser } from './directory.js'

// Work notifications (工作通知, asyncsend_v2) and the org directory (PLATFORMS §6.4, §6.5). Sending is not
// rate-limited here: the outbox job takes a per-recipient slot first. DingTalk silently drops identical content
// sent to the same user on the same day, so callers make reminder text unique (notify.job.ts).

export type DingtalkClientOptions = DingtalkApiOptions & {
  agentId: string
  /** Where card buttons point (signed per recipient); without it buttons open `card.url` with the key. */
  cardLinks?: CardLinks
  /** Hosts the sidebar is served from; dd.config signatures are refused for any other page. */
  trustedDomains?: readonly string[]
  now?: () => number
}

export type WorkMessage =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'markdown'; markdown: { title: string; text: string } }
  | { msgtype: 'action_card'; action_card: { title: string; markdown: string; btn_orientation?: '0' | '1'; btn_json_list?: { title: string; action_url: string }[]; single_title?: string; single_url?: string } }

export type SendResult = {
  invalid_user_id_list: string[]; forbidden_user_id_list: string[]; failed_user_id_list: string[]
  read_user_id_list: string[]; unread_user_id_list: string[]; forbidden_list?: { code: string; count: number; userid: string }[]
}

/** A markdown message needs a title (shown in the conversation list): the first line without its # marks. */
const titleOf = (md: string) => (md.split('\n').find((l) => l.trim()) ?? '').replace(/^#+\s*/, '').replace(/[*_`]/g, '').slice(0, 64) || 'Salespath'

/** The page opened by a button: `card.url` with the button's key, unless the caller signs its own links. */
const pageLink = (card: Card) => (key: string) => {
  if (!card.url) return undefined
  const u = new URL(card.url)
  u.searchParams.set('action', key)
  u.searchParams.set('task', card.taskId)
  return u.toString()
}

/** Work-notification action cards open URLs; each button carries its key so the page knows what was tapped. */
export function toActionCard(card: Card, link: (key: string) => string | undefined = pageLink(card)): WorkMessage {
  const rows = (card.fields ?? []).map((f) => `- ${f.label}：${f.value}`).join('\n')
  const markdown = [`### ${card.title}`, card.description ?? '', rows].filter(Boolean).join('\n\n')
  const buttons = card.buttons.flatMap((b) => { const url = link(b.key); return url ? [{ title: b.text, action_url: url }] : [] })
  if (buttons.length) return { msgtype: 'action_card', action_card: { title: card.title, markdown, btn_orientation: '1', btn_json_list: buttons } }
  if (card.buttons.length === 0 && card.url) {
    return { msgtype: 'action_card', action_card: { title: card.title, markdown, single_title: card.openLabel ?? card.title, single_url: card.url } }
  }
  return { msgtype: 'markdown', markdown: { title: card.title, text: markdown } }
}

export function createDingtalkClient(o: DingtalkClientOptions) {
  const api = createDingtalkApi(o)
  const agentId = Number(o.agentId)

  async function sendWork(to: readonly string[], msg: WorkMessage): Promise<SendReceipt> {
    if (to.length === 0) throw new RangeError('asyncsend_v2 needs at least one recipient')
    const j = await api.oapiPost('topapi/message/corpconversation/asyncsend_v2', { agent_id: agentId, userid_list: to.join(','), msg })
    return { msgid: String(j.task_id ?? ''), invalidUsers: [] }
  }

  const directory = createDingtalkDirectory(api)
  const jsapi = createDingtalkJsapiSigner(api, { trustedDomains: o.trustedDomains ?? [], ...(o.now ? { now: o.now } : {}) })
  const getMember = async (userId: string) => memberOf(await directory.getUser(userId))

  /** With signed links each recipient gets their own copy, so the click is known to be theirs. */
  async function sendCard(to: readonly string[], card: Card): Promise<SendReceipt> {
    const links = o.cardLinks
    if (!links) return sendWork(to, toActionCard(card))
    const receipts: SendReceipt[] = []
    for (const userId of to) {
      const now = (o.now ?? Date.now)()
      receipts.push(await sendWork([userId], toActionCard(card, (key) => cardActionUrl(links, userId, key, card.taskId, now))))
    }
    return { msgid: receipts.map((r) => r.msgid).join(','), invalidUsers: [] }
  }

  /** runtime.permission.requestAuthCode's code (single use, 5 min) → the member's userid (PLATFORMS §6.6). */
  async function userIdFromAuthCode(code: string): Promise<string> {
    const j = await api.oapiPost('topapi/v2/user/getuserinfo', { code }).catch((e: unknown) => {
      if ((e as { transient?: boolean }).transient) throw e
      throw new AppError('AUTH_CODE_INVALID')
    })
    const userId = (j.result as { userid?: unknown } | undefined)?.userid
    if (typeof userId !== 'string' || !userId) throw new AppError('AUTH_CODE_INVALID')
    return userId
  }

  /** A robot message's picture: downloadCode → a short-lived URL → bytes (robotCode = appKey for an internal app). */
  async function getMedia(downloadCode: string): Promise<Media> {
    const j = await api.v1Post('robot/messageFiles/download', { downloadCode, robotCode: o.appKey })
    if (typeof j.downloadUrl !== 'string') throw new RangeError('messageFiles/download returned no downloadUrl')
    const got = await api.download('robot/messageFiles/download', j.downloadUrl)
    return { data: got.data, contentType: got.contentType.split(';')[0]?.trim() || 'application/octet-stream' }
  }

  /** One department's members with their details (topapi/v2/user/list pages of 100; no manager_userid there). */
  async function listDepartmentUsers(deptId: number): Promise<DingtalkUser[]> {
    const all: DingtalkUser[] = []
    for (let cursor = 0; ;) {
      const r = (await api.oapiPost('topapi/v2/user/list', { dept_id: deptId, cursor, size: 100 })).result as { has_more: boolean; next_cursor?: number; list: DingtalkUser[] }
      all.push(...r.list)
      if (!r.has_more || r.next_cursor === undefined) return all
      cursor = r.next_cursor
    }
  }

  return {
    name: 'dingtalk' as const,
    accessToken: api.accessToken,
    sendWork,
    sendText: (to: readonly string[], content: string) => sendWork(to, { msgtype: 'text', text: { content } }),
    sendMarkdown: (to: readonly string[], text: string) => sendWork(to, { msgtype: 'markdown', markdown: { title: titleOf(text), text } }),
    sendCard,
    /** Delivery truth for a task (success ≠ delivered: over-limit and duplicate sends show up as forbidden). */
    async getSendResult(taskId: string): Promise<SendResult> {
      return (await api.oapiPost('topapi/message/corpconversation/getsendresult', { agent_id: agentId, task_id: Number(taskId) })).send_result as SendResult
    },
    getUser: directory.getUser,
    getMember,
    getMedia,
    listDepartments: directory.listDepartments,
    listDepartmentUsers,
    listMembers: directory.listMembers,
    userIdFromAuthCode,
    signJsapi: jsapi.sign,
  }
}
export type DingtalkClient = ReturnType<typeof createDingtalkClient>

export const asChannel = (client: DingtalkClient): Channel => client
