import { flushPromises } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import type { CustomerRef } from '../composables/navigation.js'
import { mountWith } from '../testing/mount-with.js'
import CompetitorTalkPage from './CompetitorTalkPage.vue'

const CUSTOMER: CustomerRef = { customerId: 'cust-1', customerName: '杭州市第一人民医院', opportunityId: 'opp-1', node: null }
const routes = {
  'GET /api/competitors': () => ({ body: { items: [{ id: 'k-ge', name: '通用医疗', products: ['Definium 656'] }, { id: 'k-mr', name: '迈瑞', products: ['DigiEye 760'] }] } }),
  'POST /api/activities': () => ({ body: { id: 'act-1' } }),
}

async function open() {
  const m = mountWith(CompetitorTalkPage, { customer: CUSTOMER }, { routes })
  await vi.waitFor(() => expect(m.wrapper.findAll('[data-test=competitor-select] option')).toHaveLength(3))
  return m
}

describe('CompetitorTalkPage', () => {
  it('asks for the text and the competitor before saving', async () => {
    const { wrapper, bot } = await open()
    await wrapper.find('[data-test=price] input').setValue('-5')
    await wrapper.find('[data-test=submit]').trigger('click')
    await flushPromises()
    expect(wrapper.findAll('[data-test=problems] li').map((li) => li.text())).toEqual([
      '请粘贴或输入客户的原话', '请选择竞品厂商', '价格需为大于 0 的数字，或留空',
    ])
    expect(bot.calls('POST', '/api/activities')).toEqual([])
  })

  it('stores the pasted talk tagged with competitor, product and price', async () => {
    const { wrapper, bot } = await open()
    await wrapper.find('[data-test=text] textarea').setValue('迈瑞报了 98 万，含三年维保')
    await wrapper.find('[data-test=competitor-select]').setValue('k-mr')
    await wrapper.find('[data-test=product] input').setValue('DigiEye 760')
    await wrapper.find('[data-test=price] input').setValue('980000')
    await wrapper.find('[data-test=submit]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-test=outcome]').text()).toBe('已保存'))
    expect(bot.calls('POST', '/api/activities')[0]?.body).toEqual({
      clientId: 'id-1', customerId: 'cust-1', opportunityId: 'opp-1', kind: 'competitor_talk', deviceAt: '2026-11-27T02:00:00.000Z',
      text: '迈瑞报了 98 万，含三年维保', competitor: 'k-mr', product: 'DigiEye 760', price: 980000,
    })
  })
})
