import { randomBytes } from 'node:crypto'
import Router from '@koa/router'
import { z } from 'zod'
import { AppError } from '../../io/app-error.js'
import { wecomAuthorizeUrl, userIdFromCode } from '../../io/channels/wecom/oauth.js'
import { Member } from '../../io/db/entities/member.entity.js'
import { Tenant } from '../../io/db/entities/tenant.entity.js'
import { findMemberByPlatformId } from '../../io/db/member.repo.js'
import { upsertMemberFromChannel } from '../../io/db/org.repo.js'
import { ENV_TENANT_SLUG } from '../../io/tenants.js'
import { sessionOf, setSessionCookie, signValue, verifyValue, type SessionState } from '../middleware/session.js'
import { apiRouter, readJson, type SidebarDeps } from './sidebar-api.route.js'
import { addDingtalkAuthRoutes } from './dingtalk-auth.route.js'

const OAUTH_COOKIE = 'sp_oauth'
const OAUTH_TTL_MS = 10 * 60_000

/** Only a path on this site: `//evil.example` or `https://…` would make the sign-in an open redirect. */
export const safeReturnTo = (x: unknown): string =>
  typeof x === 'string' && /^\/(?![/\\])[^\s]*$/.test(x) && x.length <= 1000 ? x : '/sidebar/'

/** WeCom OAuth (snsapi_base) → a session cookie for (tenant, member); dev sign-in where allowed. */
export function authRoutes(d: SidebarDeps): Router<SessionState> {
  const r = new Router<SessionState>()
  const secret = d.settings.SESSION_SECRET

  r.get('/auth/wecom/start', async (ctx) => {
    const slug = typeof ctx.query.tenant === 'string' ? ctx.query.tenant : ENV_TENANT_SLUG
    const tenant = await d.db.manager.findOneBy(Tenant, { slug })
    if (!tenant || tenant.channel !== 'wecom' || !tenant.corpId || !tenant.agentId) throw new AppError('TENANT_UNKNOWN', { tenant: slug })
    const state = randomBytes(18).toString('base64url').replace(/[^A-Za-z0-9]/g, '0')
    const returnTo = safeReturnTo(ctx.query.returnTo ?? ctx.query.redirect)
    ctx.cookies.set(OAUTH_COOKIE, signValue(secret, JSON.stringify({ state, tenantId: tenant.id, returnTo, exp: Date.now() + OAUTH_TTL_MS })),
      { httpOnly: true, secure: ctx.protocol === 'https', sameSite: 'lax', maxAge: OAUTH_TTL_MS, path: '/auth/wecom', overwrite: true })
    const origin = d.settings.PUBLIC_URL?.replace(/\/+$/, '') ?? ctx.origin
    ctx.redirect(wecomAuthorizeUrl({ corpId: tenant.corpId, agentId: tenant.agentId, redirectUri: `${origin}/auth/wecom/callback`, state }))
  })

  r.get('/auth/wecom/callback', async (ctx) => {
    const code = typeof ctx.query.code === 'string' ? ctx.query.code : ''
    const raw = verifyValue(secret, ctx.cookies.get(OAUTH_COOKIE))
    const pending = raw ? JSON.parse(raw) as { state: string; tenantId: string; returnTo: string; exp: number } : null
    if (!code || !pending || pending.exp < Date.now() || pending.state !== ctx.query.state) throw new AppError('UNAUTHENTICATED')
    const tenant = await d.db.manager.findOneByOrFail(Tenant, { id: pending.tenantId })
    const client = await d.channels.wecom(tenant.id)
    const baseUrl = typeof tenant.settings.apiBase === 'string' ? tenant.settings.apiBase : d.settings.WECOM_API_BASE
    const userId = await userIdFromCode({ baseUrl, accessToken: client.accessToken, code })
    // A member not synced yet is learned from the directory now, with their direct manager.
    const member = await findMemberByPlatformId(d.db.manager, tenant.id, userId)
      ?? await upsertMemberFromChannel(d.db.manager, tenant.id, await client.getMember(userId))
    if (!member.active) throw new AppError('FORBIDDEN')
    ctx.cookies.set(OAUTH_COOKIE, null, { path: '/auth/wecom' })
    setSessionCookie(ctx, secret, { tenantId: tenant.id, memberId: member.id, channel: 'wecom' })
    ctx.redirect(pending.returnTo)
  })

  r.post('/auth/dev-login', async (ctx) => {
    if (!d.devLogin) throw new AppError('NOT_FOUND', { what: ctx.path })
    const body = await readJson(ctx, z.object({ memberId: z.string().uuid() }))
    const member = await d.db.manager.findOneBy(Member, { id: body.memberId, active: true })
    if (!member) throw new AppError('NOT_FOUND', { what: `member ${body.memberId}` })
    setSessionCookie(ctx, secret, { tenantId: member.tenantId, memberId: member.id, channel: 'dev' })
    ctx.body = { member: { id: member.id, name: member.name } }
  })
  addDingtalkAuthRoutes(r, d) // the DingTalk H5 micro-app's auth-code sign-in
  return r
}

/** GET /api/me: who the session says the caller is. */
export function meRoutes(d: SidebarDeps): Router<SessionState> {
  const r = apiRouter(d)
  r.get('/me', async (ctx) => {
    const s = sessionOf(ctx)
    const member = await d.db.manager.findOneBy(Member, { tenantId: s.tenantId, id: s.memberId, active: true })
    const tenant = await d.db.manager.findOneBy(Tenant, { id: s.tenantId })
    if (!member || !tenant) throw new AppError('UNAUTHENTICATED')
    ctx.body = { member: { id: member.id, name: member.name }, tenant: { id: tenant.id, name: tenant.name }, channel: s.channel }
  })
  return r
}
