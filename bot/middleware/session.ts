import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Context, Middleware } from 'koa'
import { AppError } from '../../io/app-error.js'
import type { AppState } from '../app-state.js'

export const SESSION_COOKIE = 'sp_session'
const TTL_MS = 12 * 3_600_000

export type SessionChannel = 'wecom' | 'dingtalk' | 'dev'
/** Who is calling: a member of one tenant, as proved by WeCom OAuth (or dev sign-in). */
export type Session = { tenantId: string; memberId: string; channel: SessionChannel; exp: number }
export type SessionState = AppState & { session?: Session }

const mac = (secret: string, body: string): Buffer => createHmac('sha256', secret).update(body).digest()

/** `<base64url json>.<base64url hmac>`: the page can read nothing it could change unnoticed. */
export function signSession(secret: string, s: Omit<Session, 'exp'>, now = Date.now()): string {
  const body = Buffer.from(JSON.stringify({ ...s, exp: now + TTL_MS })).toString('base64url')
  return `${body}.${mac(secret, body).toString('base64url')}`
}

export function verifySession(secret: string, token: string | undefined, now = Date.now()): Session | null {
  const [body, sig, extra] = (token ?? '').split('.')
  if (!body || !sig || extra !== undefined) return null
  const want = mac(secret, body)
  const got = Buffer.from(sig, 'base64url')
  if (got.length !== want.length || !timingSafeEqual(got, want)) return null
  try {
    const s = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<Session>
    if (typeof s.tenantId !== 'string' || typeof s.memberId !== 'string' || typeof s.exp !== 'number' || s.exp < now) return null
    const channel = s.channel === 'wecom' || s.channel === 'dingtalk' ? s.channel : 'dev'
    return { tenantId: s.tenantId, memberId: s.memberId, channel, exp: s.exp }
  } catch {
    return null
  }
}

/** Sets the cookie: httpOnly (no script reads it), SameSite=Lax, Secure whenever the page came over https (PLATFORMS §5). */
export function setSessionCookie(ctx: Context, secret: string, s: Omit<Session, 'exp'>): void {
  ctx.cookies.set(SESSION_COOKIE, signSession(secret, s), {
    httpOnly: true, secure: ctx.protocol === 'https', sameSite: 'lax', maxAge: TTL_MS, path: '/', overwrite: true,
  })
}

/** A short-lived signed value (the OAuth state and where to return), checked with the same HMAC. */
export function signValue(secret: string, value: string): string {
  const body = Buffer.from(value).toString('base64url')
  return `${body}.${mac(secret, `v:${body}`).toString('base64url')}`
}

export function verifyValue(secret: string, token: string | undefined): string | null {
  const [body, sig, extra] = (token ?? '').split('.')
  if (!body || !sig || extra !== undefined) return null
  const want = mac(secret, `v:${body}`)
  const got = Buffer.from(sig, 'base64url')
  return got.length === want.length && timingSafeEqual(got, want) ? Buffer.from(body, 'base64url').toString('utf8') : null
}

/** Every /api call needs a valid session; the rest of the request sees it on ctx.state.session. */
export const requireSession = (secret: string): Middleware<SessionState> => async (ctx, next) => {
  const s = verifySession(secret, ctx.cookies.get(SESSION_COOKIE))
  if (!s) throw new AppError('UNAUTHENTICATED')
  ctx.state.session = s
  await next()
}

export function sessionOf(ctx: { state: SessionState }): Session {
  const s = ctx.state.session
  if (!s) throw new AppError('UNAUTHENTICATED')
  return s
}
