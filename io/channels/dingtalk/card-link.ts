import { createHmac, timingSafeEqual } from 'node:crypto'

// DingTalk work-notification action cards can only open URLs (PLATFORMS §6.4), so a reminder card's buttons
// (已跟进 / 延期1天 / 查看记录) open a link signed for one recipient, one card and one button. Opening it is the
// click: bot/routes/dingtalk-card.route.ts turns it into the same card_click event WeCom's template_card_event
// gives, deduped on card + member + button so a second tap acts once.

export type CardAction = { tenantId: string; userId: string; key: string; taskId: string; exp: number }
export type CardLinks = { baseUrl: string; secret: string; tenantId: string; ttlMs?: number }

export const CARD_ACTION_PATH = '/dingtalk/card-action'
/** A week: reminder cards stay in the conversation; WeCom's response code lives 72 h. */
const DEFAULT_TTL_MS = 7 * 24 * 3_600_000

const mac = (secret: string, body: string) => createHmac('sha256', secret).update(`dingtalk-card:${body}`).digest()

export function signCardAction(secret: string, a: CardAction): string {
  const body = Buffer.from(JSON.stringify([a.tenantId, a.userId, a.key, a.taskId, a.exp])).toString('base64url')
  return `${body}.${mac(secret, body).toString('base64url')}`
}

/** null for a forged, altered or expired link. */
export function verifyCardAction(secret: string, token: string, nowMs: number): CardAction | null {
  const [body, sig, extra] = token.split('.')
  if (!body || !sig || extra !== undefined) return null
  const want = mac(secret, body)
  const got = Buffer.from(sig, 'base64url')
  if (got.length !== want.length || !timingSafeEqual(got, want)) return null
  try {
    const [tenantId, userId, key, taskId, exp] = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown[]
    if (typeof tenantId !== 'string' || typeof userId !== 'string' || typeof key !== 'string' || typeof taskId !== 'string' || typeof exp !== 'number') return null
    return exp < nowMs ? null : { tenantId, userId, key, taskId, exp }
  } catch {
    return null
  }
}

const DAY_MS = 86_400_000
const BEIJING_MS = 8 * 3_600_000

/**
 * The button's link for one recipient, valid at least `ttlMs`. The expiry counts from the end of the Beijing day,
 * so a resend of the same outbox row that day carries the identical link — identical content DingTalk collapses
 * (PLATFORMS §6.4) instead of showing the member a second card.
 */
export function cardActionUrl(links: CardLinks, userId: string, key: string, taskId: string, nowMs: number): string {
  const endOfDay = Math.floor((nowMs + BEIJING_MS) / DAY_MS) * DAY_MS + DAY_MS - BEIJING_MS
  const t = signCardAction(links.secret, { tenantId: links.tenantId, userId, key, taskId, exp: endOfDay + (links.ttlMs ?? DEFAULT_TTL_MS) })
  return `${links.baseUrl.replace(/\/+$/, '')}${CARD_ACTION_PATH}?t=${t}`
}
