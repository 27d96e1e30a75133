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

  it('points at the bot’s card-action page, valid a week by default', () => {
    const url = new URL(cardActionUrl({ baseUrl: 'https://crm.example.cn/', secret: SECRET, tenantId: 't-1' }, 'lina', 'followed_1', 'T1', NOW))
    expect(`${url.origin}${url.pathname}`).toBe('https://crm.example.cn/dingtalk/card-action')
    const back = verifyCardAction(SECRET, url.searchParams.get('t')!, NOW + 7 * 24 * 3_600_000)
    expect(back).toEqual({ tenantId: 't-1', userId: 'lina', key: 'followed_1', taskId: 'T1', exp: NOW + 7 * 24 * 3_600_000 })
    expect(verifyCardAction(SECRET, url.searchParams.get('t')!, NOW + 7 * 24 * 3_600_000 + 1)).toBeNull()
  })
})
