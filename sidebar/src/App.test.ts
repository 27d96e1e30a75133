import { describe, expect, it, vi } from 'vitest'
import App from './App.vue'
import { aCard } from './testing/builders.js'
import { errorBody, type FakeHandler } from './testing/fake-bot.js'
import { mountWith } from './testing/mount-with.js'
import { scriptedPlatform } from './testing/scripted-platform.js'
import type { PlatformContext } from './platform/platform.js'

const ME = { member: { id: 'm1', name: '李雷' }, tenant: { id: 't1', name: '演示医疗' }, channel: 'dev' }
const signedIn: Record<string, FakeHandler> = {
  'GET /api/me': () => ({ body: ME }),
  'GET /api/customers/by-external/wm-ext-1': () => ({ body: aCard() }),
  'GET /api/customers': () => ({ body: { items: [] } }),
}
const openFrom = (context: PlatformContext, routes = signedIn) => mountWith(App, {}, { routes, platform: scriptedPlatform({ context }) })

describe('App', () => {
  it('opens the customer card from a 1:1 chat toolbar and switches between Chinese and English', async () => {
    const { wrapper } = openFrom({ entry: 'single_chat_tools', externalUserId: 'wm-ext-1' })
    await vi.waitFor(() => expect(wrapper.find('[data-test=advance]').exists()).toBe(true))
    expect(wrapper.find('[data-test=advance]').text()).toBe('推进到「科主任认可」')
    expect(wrapper.find('[data-test=node]').text()).toBe('科室拜访')

    await wrapper.find('[data-test=lang-switch]').trigger('click')
    expect(wrapper.find('[data-test=advance]').text()).toBe('Advance to "Director buy-in"')
    expect(wrapper.find('[data-test=node]').text()).toBe('Department visit')
    expect(wrapper.find('[data-test=status]').text()).toContain('Open')
    expect(localStorage.getItem('salespath.locale')).toBe('en')

    await wrapper.find('[data-test=lang-switch]').trigger('click')
    expect(wrapper.find('[data-test=advance]').text()).toBe('推进到「科主任认可」')
  })

  it('says to open it from a customer chat when the toolbar gives no customer', async () => {
    const { wrapper } = openFrom({ entry: 'single_chat_tools' })
    await vi.waitFor(() => expect(wrapper.find('[data-test=no-context]').text()).toContain('请从客户聊天中打开'))
  })

  it('opens the visit form directly from the chat attachment bar', async () => {
    const routes = { ...signedIn,
      'GET /api/visit-form': () => ({ body: { required: ['photo'], photoWithinM: null } }),
      'GET /api/keywords': () => ({ body: { items: [] } }) }
    const { wrapper } = openFrom({ entry: 'chat_attachment', externalUserId: 'wm-ext-1' }, routes)
    await vi.waitFor(() => expect(wrapper.find('[data-test=take-photo]').exists()).toBe(true))
  })

  it('shows the dev sign-in when there is no session outside WeCom', async () => {
    const { wrapper } = openFrom({ entry: 'normal' }, {
      'GET /api/me': () => ({ status: 401, body: errorBody('UNAUTHENTICATED', '请先登录', 'Please sign in first') }),
      'GET /api/dev/members': () => ({ body: { items: [{ id: 'm1', name: '李雷' }] } }),
      'GET /api/dev/contacts': () => ({ body: { items: [{ externalUserId: 'wm-ext-1', name: '王主任', customerName: '杭州市第一人民医院' }] } }),
    })
    await vi.waitFor(() => expect(wrapper.find('[data-test=member]').text()).toContain('李雷'))
  })

  it('shows how many offline records wait to be sent', async () => {
    const { wrapper, deps, bot } = openFrom({ entry: 'normal' })
    await vi.waitFor(() => expect(wrapper.find('[data-test=search]').exists()).toBe(true))
    bot.state.offline = true
    await deps.queue.submit({ kind: 'competitor_talk', clientId: 'c-1', deviceAt: 'x', enqueuedAt: 1, payload: {
      clientId: 'c-1', customerId: 'cust-1', kind: 'competitor_talk', deviceAt: 'x', text: '对手报价 9 折', competitor: 'k1', product: 'DR', price: null } })
    await vi.waitFor(() => expect(wrapper.find('[data-test=pending]').text()).toBe('待发送 1'))
  })
})
