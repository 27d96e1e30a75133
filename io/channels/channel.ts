// What bot and worker see of a chat platform. Two implementations (wecom/, dingtalk/) justify the type;
// everything platform-specific stays behind it.

export const CHANNEL_NAMES = ['wecom', 'dingtalk'] as const
export type ChannelName = (typeof CHANNEL_NAMES)[number]

/** Fields every inbound event carries. Times are epoch milliseconds so events survive JSON (inbox rows, job payloads). */
export type EventBase = {
  channel: ChannelName
  /** Unique per platform delivery: `msg_<MsgId>` for messages, `evt_<sha1(plaintext)>` for events. */
  dedupeKey: string
  /** CorpID (WeCom) or corp/app id the callback was addressed to. */
  corpId: string
  /** Member user id, or `sys` for system events (客户联系, 审批). */
  from: string
  sentAt: number
  agentId?: string
}

export const CONTACT_CHANGES = [
  'add_external_contact', 'add_half_external_contact', 'edit_external_contact', 'del_external_contact', 'del_follow_user', 'transfer_fail',
] as const
export type ContactChange = (typeof CONTACT_CHANGES)[number]

export type ChannelEvent = EventBase & (
  | { kind: 'text'; msgId: string; text: string }
  | { kind: 'image'; msgId: string; mediaId: string; picUrl?: string }
  | { kind: 'voice'; msgId: string; mediaId: string; format?: string }
  /** A location the member sent as a message; Location_X is latitude. */
  | { kind: 'location'; msgId: string; latitude: string; longitude: string; scale?: string; label?: string }
  /** The periodic LOCATION report (上报地理位置). */
  | { kind: 'location_report'; latitude: string; longitude: string; precision?: string }
  | { kind: 'enter_agent' }
  /** 客户联系 change_external_contact; `state` carries the 「联系我」 channel, `welcomeCode` lives ~20 s. */
  | { kind: 'external_contact'; change: ContactChange; userId: string; externalUserId: string; state?: string; welcomeCode?: string; source?: string; failReason?: string }
  /** 审批 sys_approval_change: spStatus 1 审批中 / 2 已通过 / 3 已驳回 / 4 已撤销. */
  | { kind: 'approval'; spNo: string; spName?: string; spStatus: string; templateId?: string; applicant?: string; statusChangeEvent?: string; applyTime?: string }
  /** template_card_event; `actionKey` = TaskId+From+EventKey, so a double tap acts once (PLATFORMS §8.2). */
  | { kind: 'card_click'; eventKey: string; taskId: string; responseCode?: string; cardType?: string; actionKey: string; selected: { questionKey: string; optionIds: string[] }[] }
  | { kind: 'menu_click'; eventKey: string }
  /** Anything else (video, link, group-chat and tag events…): stored, acknowledged, ignored. */
  | { kind: 'unknown'; msgType: string; event?: string; msgId?: string }
)

export type ChannelEventKind = ChannelEvent['kind']

/** A card with buttons, rendered by each channel in its own format (WeCom button_interaction template card). */
export type Card = {
  title: string
  description?: string
  /** Label/value rows under the title. */
  fields?: { label: string; value: string }[]
  /** Page opened when the card body is tapped. */
  url?: string
  /** With no buttons: the label of the one link to `url` where the platform shows it as a button (DingTalk). */
  openLabel?: string
  /** Actions that come back as clicks; none makes a notice whose body opens `url`. */
  buttons: { key: string; text: string; style?: 'primary' | 'secondary' | 'danger' }[]
  /** Unique per card (≤128 bytes); clicks come back with it so the card can be updated. */
  taskId: string
}

export type SendOptions = {
  /** Ask the platform to drop an identical message to the same member inside the interval (seconds). */
  duplicateCheckSeconds?: number
}
export type SendReceipt = { msgid: string; responseCode?: string; invalidUsers: string[] }
export type Media = { data: Buffer; contentType: string; fileName?: string }
export type Member = { userId: string; name: string; departments: string[]; mainDepartment?: string; directLeaders: string[]; leaderInDepartments: string[] }

/** A customer (external contact) as the platform's 客户联系 API describes them. */
export type CustomerContact = { externalUserId: string; name: string; corpName?: string }

/** One tenant's connection to one platform. Transient failures throw an error with `transient: true`. */
export type Channel = {
  name: ChannelName
  sendText(to: string[], text: string, opts?: SendOptions): Promise<SendReceipt>
  sendMarkdown(to: string[], markdown: string, opts?: SendOptions): Promise<SendReceipt>
  sendCard(to: string[], card: Card, opts?: SendOptions): Promise<SendReceipt>
  getMedia(mediaId: string): Promise<Media>
  getMember(userId: string): Promise<Member>
  /** The whole directory (通讯录): every member in the app's visible range with departments and direct manager. */
  listMembers(): Promise<Member[]>
  /**
   * After a card click: replace the card's buttons with one disabled label. Only where clicks come back with a
   * single-use response code (WeCom); DingTalk's buttons open a page that shows the result itself.
   */
  updateCardButtons?(userIds: readonly string[], responseCode: string, label: string): Promise<void>
  /** The 客户联系 profile of a customer; only platforms with 客户联系 events (WeCom) have it. */
  getCustomerContact?(externalUserId: string): Promise<CustomerContact>
}
