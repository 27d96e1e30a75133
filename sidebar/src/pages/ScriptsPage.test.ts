import { flushPromises } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import type { CustomerRef } from '../composables/navigation.js'
import { mountWith } from '../testing/mount-with.js'
import { scriptedPlatform } from '../testing/scripted-platform.js'
import ScriptsPage from './ScriptsPage.vue'

const CUSTOMER: CustomerRef = {
  customerId: 'cust-1', customerName: '杭州市第一人民医院', opportunityId: 'opp-1',
  node: { key: 'department-visit', name: { zh: '科室拜访', en: 'Department visit' } },
}
const SCRIPT = { id: 's1', node: 'department-visit', title: '预约科主任', text: '王主任您好，下周二上午方便我带样机过来演示吗？' }

describe('ScriptsPage', () => {
  it('loads the scripts of the current node and sends one to the chat in one tap', async () => {
    const platform = scriptedPlatform()
    const m = mountWith(ScriptsPage, { customer: CUSTOMER }, { routes: { 'GET /api/scripts': () => ({ body: { items: [SCRIPT] } }) }, platform })
    await vi.waitFor(() => expect(m.wrapper.find('[data-test=send-s1]').exists()).toBe(true))
    expect(m.bot.calls('GET', '/api/scripts')[0]?.query.get('node')).toBe('department-visit')
    await m.wrapper.find('[data-test=send-s1]').trigger('click')
    await flushPromises()
    expect(platform.sent).toEqual([SCRIPT.text])
    expect(m.wrapper.find('[data-test=send-s1]').text()).toBe('已发送')
  })

  it('copies the script instead where the platform cannot post into the chat (DingTalk)', async () => {
    const copied: string[] = []
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (text: string) => { copied.push(text) } } })
    const platform = scriptedPlatform({ name: 'dingtalk', canSendChatMessage: false })
    const m = mountWith(ScriptsPage, { customer: CUSTOMER }, { routes: { 'GET /api/scripts': () => ({ body: { items: [SCRIPT] } }) }, platform })
    await vi.waitFor(() => expect(m.wrapper.find('[data-test=send-s1]').text()).toBe('复制'))
    expect(m.wrapper.text()).toContain('点击复制后粘贴到聊天中')
    await m.wrapper.find('[data-test=send-s1]').trigger('click')
    await flushPromises()
    expect(copied).toEqual([SCRIPT.text])
    expect(platform.sent).toEqual([])
    expect(m.wrapper.find('[data-test=send-s1]').text()).toBe('已复制')
  })

  it('sends a proposed script to manager review', async () => {
    const m = mountWith(ScriptsPage, { customer: CUSTOMER }, { routes: {
      'GET /api/scripts': () => ({ body: { items: [] } }),
      'POST /api/scripts': () => ({ body: { id: 'p1', status: 'pending_review' } }),
    } })
    await m.wrapper.find('[data-test=propose]').trigger('click')
    await flushPromises()
    expect(m.wrapper.find('[data-test=problems]').text()).toContain('请填写标题')
    await m.wrapper.find('[data-test=proposal-title] input').setValue('异议：价格高')
    await m.wrapper.find('[data-test=proposal-text] textarea').setValue('先讲五年总成本，再讲维保')
    await m.wrapper.find('[data-test=propose]').trigger('click')
    await vi.waitFor(() => expect(m.wrapper.text()).toContain('已提交，等待经理审核'))
    expect(m.bot.calls('POST', '/api/scripts')[0]?.body).toMatchObject({ node: 'department-visit', kind: 'script', title: '异议：价格高' })
  })
})
