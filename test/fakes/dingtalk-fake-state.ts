import { createHash, randomUUID } from 'node:crypto'

// The behaviour of oapi.dingtalk.com / api.dingtalk.com that Salespath relies on (PLATFORMS §6.4, §6.5):
// tokens, asyncsend_v2 with the once-a-day identical-content rule and the per-user daily cap (both still
// answer success), getsendresult, users with their manager, departments, robot file download, and the
// H5 micro-app's auth-code exchange (topapi/v2/user/getuserinfo) and its JSAPI ticket (get_jsapi_ticket).

export type FakeDingUser = { userid: string; name: string; dept_id_list: number[]; manager_userid?: string; leader_in_dept?: { dept_id: number; leader: boolean }[] }
export type FakeDingDepartment = { dept_id: number; name: string; parent_id: number }
export type FakeDingOptions = { appKey: string; appSecret: string; agentId: string; users?: FakeDingUser[]; departments?: FakeDingDepartment[]; dailyCap?: number }
/** One recipient's copy of a work notification; `delivered` false when DingTalk would drop it silently. */
export type WorkNotice = { taskId: number; at: number; userid: string; msg: Record<string, unknown>; delivered: boolean; forbidden?: string }
export type Reply = { status: number; json?: unknown; bytes?: { data: Buffer; contentType: string } }

const dayOf = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10) // Beijing day

export class FakeDingState {
  readonly notices: WorkNotice[] = []
  readonly calls: { path: string; body: unknown }[] = []
  readonly media = new Map<string, { data: Buffer; contentType: string }>()
  private readonly authCodes = new Map<string, { userid: string; exp: number }>()
  /** get_jsapi_ticket's answer (dd.config signatures are computed over it). */
  readonly jsapiTicket = `jsticket_${randomUUID().replace(/-/g, '')}`
  ticketsIssued = 0
  private tokens = new Set<string>()
  private v1Tokens = new Set<string>()
  private issued = 0
  private nextTask = 1000
  private users: FakeDingUser[]
  private departments: FakeDingDepartment[]
  constructor(private readonly o: FakeDingOptions, private readonly now: () => number = Date.now) {
    this.users = o.users ?? []
    this.departments = o.departments ?? [{ dept_id: 1, name: '总部', parent_id: 0 }]
  }
  tokensIssued = () => this.issued
  expireTokens() { this.tokens.clear(); this.v1Tokens.clear() }
  setUsers(u: FakeDingUser[]) { this.users = u }
  delivered = (userid: string) => this.notices.filter((n) => n.userid === userid && n.delivered)
  /** What requestAuthCode hands the page inside DingTalk: valid 5 minutes, usable once (PLATFORMS §6.6). */
  issueAuthCode(userid: string): string {
    const code = `auth_${randomUUID().replace(/-/g, '')}`
    this.authCodes.set(code, { userid, exp: this.now() + 5 * 60_000 })
    return code
  }

  handle(method: string, url: URL, body: Record<string, unknown>, headers: Record<string, string | string[] | undefined>, base: string): Reply {
    const path = url.pathname
    this.calls.push({ path, body })
    if (method === 'GET' && path === '/gettoken') return this.gettoken(url)
    if (method === 'POST' && path === '/v1.0/oauth2/accessToken') return this.v1token(body)
    if (method === 'GET' && path.startsWith('/files/')) {
      const m = this.media.get(path.slice('/files/'.length))
      return m ? { status: 200, bytes: m } : { status: 404, json: {} }
    }
    if (path.startsWith('/v1.0/')) {
      if (!this.v1Tokens.has(String(headers['x-acs-dingtalk-access-token'] ?? ''))) return { status: 401, json: { code: 'InvalidAuthentication', message: '不合法的access_token' } }
      if (path === '/v1.0/robot/messageFiles/download') {
        const code = String(body.downloadCode ?? '')
        if (body.robotCode !== this.o.appKey || !this.media.has(code)) return { status: 400, json: { code: 'invalidParameter', message: 'downloadCode' } }
        return { status: 200, json: { downloadUrl: `${base}/files/${code}` } }
      }
      return { status: 404, json: { code: 'NotFound' } }
    }
    const token = url.searchParams.get('access_token') ?? ''
    if (method === 'GET' && path === '/get_jsapi_ticket') {
      if (!this.tokens.has(token)) return { status: 200, json: { errcode: 40014, errmsg: '不合法的access_token' } }
      this.ticketsIssued++
      return { status: 200, json: { errcode: 0, errmsg: 'ok', ticket: this.jsapiTicket, expires_in: 7200 } }
    }
    if (method !== 'POST') return { status: 404, json: {} }
    if (!this.tokens.has(token)) return { status: 200, json: { errcode: 40014, errmsg: '不合法的access_token' } }
    return this.topapi(path, body)
  }

  private gettoken(url: URL): Reply {
    if (url.searchParams.get('appkey') !== this.o.appKey || url.searchParams.get('appsecret') !== this.o.appSecret) {
      return { status: 200, json: { errcode: 40089, errmsg: '不合法的corpid或corpsecret' } }
    }
    const t = `tok_${randomUUID()}`
    this.tokens.add(t)
    this.issued++
    return { status: 200, json: { errcode: 0, errmsg: 'ok', access_token: t, expires_in: 7200 } }
  }

  private v1token(body: Record<string, unknown>): Reply {
    if (body.appKey !== this.o.appKey || body.appSecret !== this.o.appSecret) return { status: 400, json: { code: 'invalidClientIdOrSecret', message: '无效的clientId或者clientSecret' } }
    const t = `v1_${randomUUID()}`
    this.v1Tokens.add(t)
    return { status: 200, json: { accessToken: t, expireIn: 7200 } }
  }

  private topapi(path: string, b: Record<string, unknown>): Reply {
    const ok = (extra: Record<string, unknown>) => ({ status: 200, json: { errcode: 0, errmsg: 'ok', request_id: randomUUID(), ...extra } })
    switch (path) {
      case '/topapi/message/corpconversation/asyncsend_v2': return this.asyncsend(b, ok)
      case '/topapi/message/corpconversation/getsendresult': {
        const mine = this.notices.filter((n) => n.taskId === Number(b.task_id))
        const forbidden = mine.filter((n) => n.forbidden)
        return ok({ send_result: {
          invalid_user_id_list: [], failed_user_id_list: [], read_user_id_list: [],
          forbidden_user_id_list: forbidden.map((n) => n.userid), unread_user_id_list: mine.filter((n) => n.delivered).map((n) => n.userid),
          forbidden_list: forbidden.map((n) => ({ code: n.forbidden, count: 1, userid: n.userid })),
        } })
      }
      case '/topapi/v2/user/get': {
        const u = this.users.find((x) => x.userid === b.userid)
        return u ? ok({ result: { ...u, active: true } }) : { status: 200, json: { errcode: 60121, errmsg: '找不到该用户' } }
      }
      case '/topapi/v2/department/listsub':
        return ok({ result: this.departments.filter((d) => d.parent_id === Number(b.dept_id)) })
      case '/topapi/v2/user/list': {
        const dept = Number(b.dept_id)
        const inDept = this.users.filter((u) => u.dept_id_list.includes(dept))
        const cursor = Number(b.cursor ?? 0)
        const size = Math.min(Number(b.size ?? 100), 100)
        // The list carries details but not the 直属主管: manager_userid comes only from user/get.
        const page = inDept.slice(cursor, cursor + size).map((u) => ({ userid: u.userid, name: u.name, dept_id_list: u.dept_id_list, active: true,
          leader: !!u.leader_in_dept?.some((l) => l.dept_id === dept && l.leader) }))
        const more = cursor + size < inDept.length
        return ok({ result: { has_more: more, list: page, ...(more ? { next_cursor: cursor + size } : {}) } })
      }
      case '/topapi/user/listid':
        return ok({ result: { userid_list: this.users.filter((u) => u.dept_id_list.includes(Number(b.dept_id))).map((u) => u.userid) } })
      case '/topapi/v2/user/getuserinfo': {
        const code = String(b.code ?? '')
        const issued = this.authCodes.get(code)
        this.authCodes.delete(code) // single use
        if (!issued || issued.exp < this.now()) return { status: 200, json: { errcode: 40078, errmsg: '不存在的临时授权码' } }
        const u = this.users.find((x) => x.userid === issued.userid)
        return ok({ result: { userid: issued.userid, name: u?.name ?? '', device_id: 'fake-device', sys: false, sys_level: 0 } })
      }
      default: return { status: 200, json: { errcode: 404, errmsg: `no such API ${path}` } }
    }
  }

  private asyncsend(b: Record<string, unknown>, ok: (x: Record<string, unknown>) => Reply): Reply {
    if (String(b.agent_id) !== this.o.agentId) return { status: 200, json: { errcode: 400033, errmsg: '无效的agentId' } }
    const msg = b.msg as Record<string, unknown> | undefined
    const ids = String(b.userid_list ?? '').split(',').filter(Boolean)
    if (!msg || !ids.length) return { status: 200, json: { errcode: 40035, errmsg: '缺少参数' } }
    const taskId = this.nextTask++
    const today = dayOf(this.now())
    const digest = createHash('sha1').update(JSON.stringify(msg)).digest('hex')
    for (const userid of ids) {
      const sameDay = this.notices.filter((n) => n.userid === userid && n.delivered && dayOf(n.at) === today)
      const dup = sameDay.some((n) => createHash('sha1').update(JSON.stringify(n.msg)).digest('hex') === digest)
      const capped = sameDay.length >= (this.o.dailyCap ?? 500)
      const notice: WorkNotice = { taskId, at: this.now(), userid, msg, delivered: !dup && !capped, ...(dup ? { forbidden: '143106' } : capped ? { forbidden: '143105' } : {}) }
      this.notices.push(notice)
    }
    return ok({ task_id: taskId })
  }
}
