import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { errorBody } from '../testing/fake-bot.js'
import { mountWith } from '../testing/mount-with.js'
import { scriptedPlatform } from '../testing/scripted-platform.js'
import { createNavigation } from './navigation.js'
import { useSession } from './useSession.js'

function start(platformName: 'wecom' | 'dev', meStatus: number) {
  const nav = createNavigation()
  const assigned: string[] = []
  const Harness = defineComponent({
    setup() {
      void useSession(nav, (url) => assigned.push(url)).start()
      return () => h('div')
    },
  })
  const me = meStatus === 200
    ? { body: { member: { id: 'm1', name: '李雷' }, tenant: { id: 't1', name: 'T' }, channel: platformName } }
    : { status: meStatus, body: errorBody(meStatus === 401 ? 'UNAUTHENTICATED' : 'INTERNAL', '请先登录', 'Please sign in first') }
  const platform = scriptedPlatform({ name: platformName, context: { entry: 'group_chat_tools', chatId: 'wr1' } })
  mountWith(Harness, {}, { routes: { 'GET /api/me': () => me }, platform })
  return { nav, assigned }
}

describe('useSession', () => {
  it('sends a WeCom user without a session through OAuth and back to this page', async () => {
    const { assigned } = start('wecom', 401)
    await vi.waitFor(() => expect(assigned).toHaveLength(1))
    expect(assigned[0]).toBe(`/auth/wecom/start?returnTo=${encodeURIComponent(location.href)}`)
  })

  it('shows the dev sign-in outside WeCom', async () => {
    const { nav, assigned } = start('dev', 401)
    await vi.waitFor(() => expect(nav.screen.value).toEqual({ name: 'dev-login' }))
    expect(assigned).toEqual([])
  })

  it('opens the customer picker from a group chat toolbar once signed in', async () => {
    const { nav } = start('wecom', 200)
    await vi.waitFor(() => expect(nav.screen.value).toEqual({ name: 'picker', then: 'card' }))
  })

  it('shows a server failure instead of a login loop', async () => {
    const { nav } = start('wecom', 500)
    await vi.waitFor(() => expect(nav.screen.value.name).toBe('fatal'))
  })
})
