import { describe, expect, it } from 'vitest'
import { cardActionUrl, signCardAction, verifyCardAction } from './card-link.js'

const SECRET = 'test-secret-test-secret-test-secret!'
const NOW = 1_795_766_400_000
const claim = { tenantId: 't-1', userId: 'lina', key: 'snooze_0b8e', taskId: 'reminder_0b8e_2_m1', exp: NOW + 60_000 }

describe('signed DingTalk card-button links', () => {
  it('round-trips the member, card and button it was signed for', () => {
    expect(verifyCardAction(SECRET, signCardAction(SECRET, claim), NOW)).toEqual(claim)
  })

  it.each([
    ['expired', signCardAction(SECRET, claim), NOW + 60_001],
    ['signed with another secret', signCardAction('another-secret-another-secret-xx', claim), NOW],
    ['re-addressed to another member', `${Buffer.from(JSON.stringify(['t-1', 'zhou', claim.key, claim.taskId, claim.exp])).toString('base64url')}.${signCardAction(SECRET, claim).split('.')[1]}`, NOW],
    ['truncated', signCardAction(SECRET, claim).split('.')[0]!, NOW],
    ['not a link at all', 'x.y.z', NOW],
  ])('refuses a link %s', (_n, token, now) => {
    expect(verifyCardAction(SECRET, token, now)).toBeNull()
  })

  const links = { baseUrl: 'https://crm.example.cn/', secret: SECRET, tenantId: 't-1' }
  const DAY0 = Date.parse('2026-11-27T00:00:00+08:00')
  const END = DAY0 + 86_400_000 + 7 * 86_400_000 // the end of that Beijing day, plus a week

  it('points at the bot’s card-action page, valid to the end of the Beijing day plus a week', () => {
    const url = new URL(cardActionUrl(links, 'lina', 'followed_1', 'T1', DAY0 + 3_600_000))
    expect(`${url.origin}${url.pathname}`).toBe('https://crm.example.cn/dingtalk/card-action')
    expect(verifyCardAction(SECRET, url.searchParams.get('t')!, END)).toEqual({ tenantId: 't-1', userId: 'lina', key: 'followed_1', taskId: 'T1', exp: END })
    expect(verifyCardAction(SECRET, url.searchParams.get('t')!, END + 1)).toBeNull()
  })

  it('gives a resend the same day the identical link (DingTalk collapses identical content), the next day a new one', () => {
    const at = (ms: number) => cardActionUrl(links, 'lina', 'snooze_1', 'T1', ms)
    expect(at(DAY0 + 60_000)).toBe(at(DAY0 + 86_400_000 - 1))
    expect(at(DAY0 + 86_400_000)).not.toBe(at(DAY0 + 60_000))
  })
})
