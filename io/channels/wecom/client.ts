import type { Channel, CustomerContact, Media, Member, SendOptions, SendReceipt } from '../channel.js'
import { createWecomApi, type ApiJson, type WecomApiOptions } from './api.js'
import { toTemplateCard, type TemplateCard } from './cards.js'
import { createJsapiSigner } from './jsapi.js'

// A few functions over fetch for the WeCom server API (PLATFORMS §3). Sending is not rate-limited here:
// the outbox job asks rate-limit.ts for a slot first and delays itself, so nothing is ever dropped.

export type WecomClientOptions = WecomApiOptions & {
  agentId: string
  /** Hosts the sidebar is served from (the app's 可信域名); JS-SDK signatures are refused for others. */
  trustedDomains?: readonly string[]
}

export type WecomUser = {
  userid: string; name: string; department: number[]; main_department?: number
  direct_leader?: string[]; is_leader_in_dept?: number[]; position?: string; status?: number
}
export type WecomDepartment = { id: number; name: string; parentid: number; order?: number; department_leader?: string[] }
export type ExternalContact = {
  external_contact: { external_userid: string; name: string; type: number; corp_name?: string; avatar?: string; gender?: number; unionid?: string }
  follow_user: { userid: string; remark?: string; createtime: number; state?: string; add_way?: number; tags?: { tag_name: string; group_name: string }[] }[]
  next_cursor?: string
}
export type OutboundMessage =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'markdown'; markdown: { content: string } }
  | { msgtype: 'template_card'; template_card: TemplateCard }

export type WecomClient = ReturnType<typeof createWecomClient>

/** user/get and user/list rows → the channel-neutral member (direct_leader is the 直属上级, PLATFORMS §3.5). */
function memberOf(u: WecomUser): Member {
  const departments = (u.department ?? []).map(String)
  return {
    userId: u.userid, name: u.name, departments,
    ...(u.main_department === undefined ? {} : { mainDepartment: String(u.main_department) }),
    directLeaders: u.direct_leader ?? [],
    leaderInDepartments: departments.filter((_, i) => u.is_leader_in_dept?.[i] === 1),
  }
}

export function createWecomClient(o: WecomClientOptions) {
  const api = createWecomApi(o)
  const jsapi = createJsapiSigner(api, { corpId: o.corpId, agentId: o.agentId, trustedDomains: o.trustedDomains ?? [] })

  async function sendMessage(to: readonly string[], msg: OutboundMessage, opts: SendOptions = {}): Promise<SendReceipt> {
    if (to.length === 0) throw new RangeError('message/send needs at least one recipient')
    const dup = opts.duplicateCheckSeconds ? { enable_duplicate_check: 1, duplicate_check_interval: opts.duplicateCheckSeconds } : {}
    const json = await api.call('message/send', { body: { touser: to.join('|'), agentid: Number(o.agentId), ...msg, ...dup } })
    return {
      msgid: String(json.msgid ?? ''),
      invalidUsers: typeof json.invaliduser === 'string' && json.invaliduser ? json.invaliduser.split('|') : [],
      ...(typeof json.response_code === 'string' ? { responseCode: json.response_code } : {}),
    }
  }

  async function getUser(userId: string): Promise<WecomUser> {
    return (await api.call('user/get', { query: { userid: userId } })) as ApiJson & WecomUser
  }

  const getMember = async (userId: string): Promise<Member> => memberOf(await getUser(userId))

  async function listDepartments(id?: number): Promise<WecomDepartment[]> {
    const json = await api.call('department/list', { query: { id } })
    return (json.department ?? []) as WecomDepartment[]
  }
  async function listDepartmentUsers(departmentId: number): Promise<WecomUser[]> {
    const json = await api.call('user/list', { query: { department_id: departmentId } })
    return (json.userlist ?? []) as WecomUser[]
  }
  /** department/list returns the whole tree; user/list carries direct_leader, so one call per department. */
  async function listMembers(): Promise<Member[]> {
    const users = new Map<string, Member>()
    for (const d of await listDepartments()) {
      for (const u of await listDepartmentUsers(d.id)) users.set(u.userid, memberOf(u))
    }
    return [...users.values()]
  }
  async function getExternalContact(externalUserId: string, cursor?: string): Promise<ExternalContact> {
    return (await api.call('externalcontact/get', { query: { external_userid: externalUserId, cursor } })) as ApiJson & ExternalContact
  }

  async function getMedia(mediaId: string): Promise<Media> {
    const raw = await api.callRaw('media/get', { media_id: mediaId })
    const fileName = /filename="?([^";]+)"?/.exec(raw.contentType)?.[1]
    return { data: raw.body, contentType: raw.contentType.split(';')[0]?.trim() || 'application/octet-stream', ...(fileName ? { fileName } : {}) }
  }

  return {
    name: 'wecom' as const,
    accessToken: api.accessToken,
    sendMessage,
    sendText: (to: readonly string[], content: string, opts?: SendOptions) => sendMessage(to, { msgtype: 'text', text: { content } }, opts),
    sendMarkdown: (to: readonly string[], content: string, opts?: SendOptions) => sendMessage(to, { msgtype: 'markdown', markdown: { content } }, opts),
    sendTemplateCard: (to: readonly string[], card: TemplateCard, opts?: SendOptions) => sendMessage(to, { msgtype: 'template_card', template_card: card }, opts),
    sendCard: (to: readonly string[], card: Parameters<typeof toTemplateCard>[0], opts?: SendOptions) =>
      sendMessage(to, { msgtype: 'template_card', template_card: toTemplateCard(card) }, opts),
    /** After a click: replaces the card's buttons with one disabled label (response_code is single-use, WC/94888). */
    async updateCardButtons(userIds: readonly string[], responseCode: string, replaceName: string): Promise<void> {
      await api.call('message/update_template_card', {
        body: { userids: userIds, agentid: Number(o.agentId), response_code: responseCode, button: { replace_name: replaceName } },
      })
    },
    getMedia,
    getUser,
    getMember,
    listDepartments,
    listDepartmentUsers,
    listMembers,
    getExternalContact,
    async getCustomerContact(externalUserId: string): Promise<CustomerContact> {
      const c = (await getExternalContact(externalUserId)).external_contact
      return { externalUserId: c.external_userid, name: c.name, ...(c.corp_name ? { corpName: c.corp_name } : {}) }
    },
    getJsapiTicket: jsapi.getTicket,
    signJsapi: jsapi.sign,
  }
}

/** The channel-neutral view of a WeCom client (what bot/worker code should depend on). */
export const asChannel = (client: WecomClient): Channel => client
