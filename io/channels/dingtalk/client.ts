import type { Card, Channel, Media, Member, SendReceipt } from '../channel.js'
import { createDingtalkApi, type DingtalkApiOptions } from './api.js'

// Work notifications (工作通知, asyncsend_v2) and the org directory (PLATFORMS §6.4, §6.5). Sending is not
// rate-limited here: the outbox job takes a per-recipient slot first. DingTalk silently drops identical content
// sent to the same user on the same day, so callers make reminder text unique (notify.job.ts).

export type DingtalkClientOptions = DingtalkApiOptions & { agentId: string }

export type WorkMessage =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'markdown'; markdown: { title: string; text: string } }
  | { msgtype: 'action_card'; action_card: { title: string; markdown: string; btn_orientation?: '0' | '1'; btn_json_list?: { title: string; action_url: string }[]; single_title?: string; single_url?: string } }

export type DingtalkUser = {
  userid: string; name: string; dept_id_list?: number[]; manager_userid?: string
  leader_in_dept?: { dept_id: number; leader: boolean }[]; title?: string; active?: boolean
}
export type DingtalkDepartment = { dept_id: number; name: string; parent_id?: number }
export type SendResult = {
  invalid_user_id_list: string[]; forbidden_user_id_list: string[]; failed_user_id_list: string[]
  read_user_id_list: string[]; unread_user_id_list: string[]; forbidden_list?: { code: string; count: number; userid: string }[]
}

/** A markdown message needs a title (shown in the conversation list): the first line without its # marks. */
const titleOf = (md: string) => (md.split('\n').find((l) => l.trim()) ?? '').replace(/^#+\s*/, '').replace(/[*_`]/g, '').slice(0, 64) || 'Salespath'

/** Work-notification action cards open URLs; each button carries its key so the page knows what was tapped. */
export function toActionCard(card: Card): WorkMessage {
  const rows = (card.fields ?? []).map((f) => `- ${f.label}：${f.value}`).join('\n')
  const markdown = [`### ${card.title}`, card.description ?? '', rows].filter(Boolean).join('\n\n')
  const link = (key: string) => {
    if (!card.url) return undefined
    const u = new URL(card.url)
    u.searchParams.set('action', key)
    u.searchParams.set('task', card.taskId)
    return u.toString()
  }
  const buttons = card.buttons.flatMap((b) => { const url = link(b.key); return url ? [{ title: b.text, action_url: url }] : [] })
  if (buttons.length) return { msgtype: 'action_card', action_card: { title: card.title, markdown, btn_orientation: '1', btn_json_list: buttons } }
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

  async function getUser(userId: string): Promise<DingtalkUser> {
    return (await api.oapiPost('topapi/v2/user/get', { userid: userId, language: 'zh_CN' })).result as DingtalkUser
  }

  async function getMember(userId: string): Promise<Member> {
    const u = await getUser(userId)
    const departments = (u.dept_id_list ?? []).map(String)
    return {
      userId: u.userid, name: u.name, departments, ...(departments[0] ? { mainDepartment: departments[0] } : {}),
      directLeaders: u.manager_userid ? [u.manager_userid] : [],
      leaderInDepartments: (u.leader_in_dept ?? []).filter((l) => l.leader).map((l) => String(l.dept_id)),
    }
  }

  /** A robot message's picture: downloadCode → a short-lived URL → bytes (robotCode = appKey for an internal app). */
  async function getMedia(downloadCode: string): Promise<Media> {
    const j = await api.v1Post('robot/messageFiles/download', { downloadCode, robotCode: o.appKey })
    if (typeof j.downloadUrl !== 'string') throw new RangeError('messageFiles/download returned no downloadUrl')
    const got = await api.download('robot/messageFiles/download', j.downloadUrl)
    return { data: got.data, contentType: got.contentType.split(';')[0]?.trim() || 'application/octet-stream' }
  }

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
    sendCard: (to: readonly string[], card: Card) => sendWork(to, toActionCard(card)),
    /** Delivery truth for a task (success ≠ delivered: over-limit and duplicate sends show up as forbidden). */
    async getSendResult(taskId: string): Promise<SendResult> {
      return (await api.oapiPost('topapi/message/corpconversation/getsendresult', { agent_id: agentId, task_id: Number(taskId) })).send_result as SendResult
    },
    getUser,
    getMember,
    getMedia,
    async listDepartments(parentId = 1): Promise<DingtalkDepartment[]> {
      return (await api.oapiPost('topapi/v2/department/listsub', { dept_id: parentId })).result as DingtalkDepartment[]
    },
    listDepartmentUsers,
  }
}
export type DingtalkClient = ReturnType<typeof createDingtalkClient>

export const asChannel = (client: DingtalkClient): Channel => client
