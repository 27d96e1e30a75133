import { randomBytes } from 'node:crypto'
import { parseMultipartFile } from './wecom-fake-multipart.js'
import { checkMessage, type MessageBody } from './wecom-fake-message.js'

export type FakeUser = {
  userid: string; name: string; department: number[]; main_department?: number
  direct_leader?: string[]; is_leader_in_dept?: number[]; position?: string
}
export type FakeDepartment = { id: number; name: string; parentid: number; order?: number; department_leader?: string[] }
export type FakeExternalContact = {
  external_contact: { external_userid: string; name: string; type: number; corp_name?: string }
  follow_user: { userid: string; remark?: string; createtime: number; state?: string; add_way?: number }[]
}
export type FakeMedia = { data: Buffer; contentType: string; fileName?: string }
export type FakeWecomOptions = {
  corpId: string
  secret: string
  agentId: string | number
  /** expires_in announced by gettoken (WeCom: 7200). */
  tokenTtlSec?: number
  users?: FakeUser[]
  departments?: FakeDepartment[]
  externalContacts?: FakeExternalContact[]
  media?: Record<string, FakeMedia>
  /** Fixed JS-SDK tickets (e.g. the official signature vector's); random per fetch otherwise. */
  tickets?: { corp?: string; agent?: string }
}
export type SentMessage = { at: Date; msgid: string; touser: string[]; msgtype: string; body: MessageBody; duplicate: boolean }
export type FakeCall = { at: Date; method: string; path: string; errcode: number | null; httpStatus: number }
export type Failure = { errcode: number; errmsg?: string } | { httpStatus: number }
export type Reply = { status: number; json?: unknown } | { binary: Buffer; contentType: string; fileName: string }

const id = (bytes = 16): string => randomBytes(bytes).toString('base64url')
const ok = (extra: Record<string, unknown> = {}): Reply => ({ status: 200, json: { errcode: 0, errmsg: 'ok', ...extra } })
const fail = (errcode: number, errmsg: string): Reply => ({ status: 200, json: { errcode, errmsg } })

export class FakeWecomState {
  readonly sent: SentMessage[] = []
  readonly calls: FakeCall[] = []
  readonly cardUpdates: { at: Date; body: unknown }[] = []
  tokensIssued = 0
  private tokens = new Map<string, number>() // token → expiry (ms)
  private failures = new Map<string, { failure: Failure; left: number }[]>()
  private users = new Map<string, FakeUser>()
  private departments: FakeDepartment[] = []
  private contacts = new Map<string, FakeExternalContact>()
  private media = new Map<string, FakeMedia>()
  private recentSends = new Map<string, number>() // duplicate-check key → time (ms)

  constructor(private readonly o: FakeWecomOptions) {
    this.reset()
  }

  reset(): void {
    this.sent.length = 0
    this.calls.length = 0
    this.cardUpdates.length = 0
    this.tokensIssued = 0
    this.tokens.clear()
    this.failures.clear()
    this.recentSends.clear()
    this.setUsers(this.o.users ?? [])
    this.setDepartments(this.o.departments ?? [])
    this.setExternalContacts(this.o.externalContacts ?? [])
    this.media = new Map(Object.entries(this.o.media ?? {}))
  }

  setUsers(users: FakeUser[]): void { this.users = new Map(users.map((u) => [u.userid, u])) }
  setDepartments(d: FakeDepartment[]): void { this.departments = [...d] }
  setExternalContacts(c: FakeExternalContact[]): void { this.contacts = new Map(c.map((x) => [x.external_contact.external_userid, x])) }
  setMedia(mediaId: string, m: FakeMedia): void { this.media.set(mediaId, m) }
  expireTokens(): void { for (const t of this.tokens.keys()) this.tokens.set(t, 0) }
  injectError(path: string, failure: Failure, times: number): void {
    this.failures.set(path, [...(this.failures.get(path) ?? []), { failure, left: times }])
  }

  handle(method: string, url: URL, body: Buffer, contentType: string): Reply {
    const path = url.pathname.replace(/^\/cgi-bin\//, '')
    const reply = this.injected(path) ?? this.route(path, method, url.searchParams, body, contentType)
    const json = 'json' in reply ? (reply.json as { errcode?: number } | undefined) : undefined
    this.calls.push({ at: new Date(), method, path, errcode: json?.errcode ?? null, httpStatus: 'status' in reply ? reply.status : 200 })
    return reply
  }

  private injected(path: string): Reply | null {
    const queue = this.failures.get(path)
    const head = queue?.[0]
    if (!queue || !head) return null
    if (--head.left <= 0) queue.shift()
    return 'httpStatus' in head.failure ? { status: head.failure.httpStatus } : fail(head.failure.errcode, head.failure.errmsg ?? 'injected')
  }

  private route(path: string, method: string, q: URLSearchParams, body: Buffer, contentType: string): Reply {
    if (path === 'gettoken') return this.getToken(q)
    const tokenError = this.checkToken(q.get('access_token'))
    if (tokenError) return tokenError
    switch (`${method} ${path}`) {
      case 'POST message/send': return this.send(body)
      case 'POST message/update_template_card': return this.updateCard(body)
      case 'POST media/upload': return this.upload(q, body, contentType)
      case 'GET media/get': return this.getMedia(q.get('media_id') ?? '')
      case 'GET user/get': {
        const u = this.users.get(q.get('userid') ?? '')
        return u ? ok({ ...u, status: 1 }) : fail(60111, 'userid not found')
      }
      case 'GET department/list': return ok({ department: this.subtree(q.get('id')) })
      case 'GET user/list': return this.listUsers(Number(q.get('department_id')), q.get('fetch_child') === '1')
      case 'GET externalcontact/get': {
        const c = this.contacts.get(q.get('external_userid') ?? '')
        return c ? ok({ ...c }) : fail(84061, 'not external contact')
      }
      // OAuth codes in the fake are `code-<userid>`; WeCom's are opaque, single use and expire in 5 minutes.
      case 'GET auth/getuserinfo': {
        const u = this.users.get((q.get('code') ?? '').replace(/^code-/, ''))
        return u && q.get('code')?.startsWith('code-') ? ok({ userid: u.userid }) : fail(40029, 'invalid code')
      }
      case 'GET get_jsapi_ticket': return ok({ ticket: this.o.tickets?.corp ?? `corp-ticket-${id(12)}`, expires_in: 7200 })
      case 'GET ticket/get':
        if (q.get('type') !== 'agent_config') return fail(40097, 'invalid ticket type')
        return ok({ ticket: this.o.tickets?.agent ?? `agent-ticket-${id(12)}`, expires_in: 7200 })
      default: return { status: 404, json: { errcode: 404, errmsg: `unknown api ${path}` } }
    }
  }

  private getToken(q: URLSearchParams): Reply {
    if (q.get('corpid') !== this.o.corpId) return fail(40013, 'invalid corpid')
    if (q.get('corpsecret') !== this.o.secret) return fail(40001, 'invalid credential')
    const token = id(48)
    const ttl = this.o.tokenTtlSec ?? 7200
    this.tokens.set(token, Date.now() + ttl * 1000)
    this.tokensIssued++
    return ok({ access_token: token, expires_in: ttl })
  }

  private checkToken(token: string | null): Reply | null {
    if (!token) return fail(41001, 'access_token missing')
    const expiry = this.tokens.get(token)
    if (expiry === undefined) return fail(40014, 'invalid access_token')
    return expiry <= Date.now() ? fail(42001, 'access_token expired') : null
  }

  private send(raw: Buffer): Reply {
    const checked = checkMessage(raw, this.o.agentId, this.users)
    if ('reply' in checked) return checked.reply
    const { body, touser, invalid } = checked
    const dupKey = `${touser.join('|')}|${JSON.stringify(body[body.msgtype as keyof MessageBody])}`
    const now = Date.now()
    const last = this.recentSends.get(dupKey)
    const interval = Number(body.duplicate_check_interval ?? 1800) * 1000
    const duplicate = body.enable_duplicate_check === 1 && last !== undefined && now - last < interval
    if (!duplicate) this.recentSends.set(dupKey, now)
    const msgid = id(24)
    this.sent.push({ at: new Date(now), msgid, touser, msgtype: String(body.msgtype), body, duplicate })
    const interactive = body.msgtype === 'template_card'
    return ok({ invaliduser: invalid.join('|'), msgid, ...(interactive ? { response_code: id(24) } : {}) })
  }

  private updateCard(raw: Buffer): Reply {
    const body = JSON.parse(raw.toString('utf8')) as { response_code?: string; userids?: string[] }
    if (!body.response_code) return fail(40058, 'response_code missing')
    this.cardUpdates.push({ at: new Date(), body })
    return ok({ invaliduser: [] })
  }

  private upload(q: URLSearchParams, body: Buffer, contentType: string): Reply {
    const file = parseMultipartFile(body, contentType, 'media')
    if (!file) return fail(40005, 'invalid file type')
    if (file.data.length <= 5) return fail(40006, 'invalid file size')
    const mediaId = `3${id(30)}`
    this.media.set(mediaId, { data: file.data, contentType: file.contentType, fileName: file.fileName })
    return ok({ type: q.get('type') ?? 'file', media_id: mediaId, created_at: String(Math.floor(Date.now() / 1000)) })
  }

  private getMedia(mediaId: string): Reply {
    const m = this.media.get(mediaId)
    if (!m) return fail(40007, 'invalid media_id')
    return { binary: m.data, contentType: m.contentType, fileName: m.fileName ?? mediaId }
  }

  private subtree(rootId: string | null): FakeDepartment[] {
    if (!rootId) return this.departments
    const ids = new Set([Number(rootId)])
    for (let grew = true; grew;) {
      grew = false
      for (const d of this.departments) if (ids.has(d.parentid) && !ids.has(d.id)) { ids.add(d.id); grew = true }
    }
    return this.departments.filter((d) => ids.has(d.id))
  }

  private listUsers(departmentId: number, withChildren: boolean): Reply {
    if (!this.departments.some((d) => d.id === departmentId)) return fail(60123, 'invalid party id')
    const ids = new Set(withChildren ? this.subtree(String(departmentId)).map((d) => d.id) : [departmentId])
    return ok({ userlist: [...this.users.values()].filter((u) => u.department.some((d) => ids.has(d))).map((u) => ({ ...u, status: 1 })) })
  }
}
