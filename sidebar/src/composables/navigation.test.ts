import { expect, it } from 'vitest'
import type { PlatformContext } from '../platform/platform.js'
import { createNavigation, initialScreen, type Screen } from './navigation.js'

it.each<[PlatformContext, Screen]>([
  [{ entry: 'single_chat_tools', externalUserId: 'wm1' }, { name: 'card', target: { externalUserId: 'wm1' } }],
  [{ entry: 'single_chat_tools' }, { name: 'no-context' }],
  [{ entry: 'chat_attachment', externalUserId: 'wm1' }, { name: 'visit', target: { externalUserId: 'wm1' } }],
  [{ entry: 'chat_attachment' }, { name: 'picker', then: 'visit' }],
  [{ entry: 'group_chat_tools', chatId: 'wr1' }, { name: 'picker', then: 'card' }],
  [{ entry: 'normal' }, { name: 'picker', then: 'card' }],
])('opened from %j shows %j', (ctx, screen) => {
  expect(initialScreen(ctx)).toEqual(screen)
})

it('goes back to the previous screen but never past the first', () => {
  const nav = createNavigation({ name: 'picker', then: 'card' })
  nav.go({ name: 'card', target: { customerId: 'c1' } })
  nav.back()
  nav.back()
  expect(nav.screen.value).toEqual({ name: 'picker', then: 'card' })
  expect(nav.canGoBack.value).toBe(false)
})
