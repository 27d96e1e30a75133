import { describe, expect, it, vi } from 'vitest'
import { mountWith } from '../testing/mount-with.js'
import CustomerPickerPage from './CustomerPickerPage.vue'

const CUSTOMERS = [
  { id: 'cust-1', name: '杭州市第一人民医院', externalUserId: 'wm-ext-1', nodeName: { zh: '科室拜访', en: 'Department visit' } },
  { id: 'cust-2', name: '杭州市第二人民医院', externalUserId: null, nodeName: null },
]

describe('CustomerPickerPage', () => {
  it('searches by name and opens the chosen customer as the next screen asks', async () => {
    const m = mountWith(CustomerPickerPage, { then: 'visit' }, { routes: {
      'GET /api/customers': (req) => ({ body: { items: CUSTOMERS.filter((c) => c.name.includes(req.query.get('query') ?? '')) } }),
    } })
    await vi.waitFor(() => expect(m.wrapper.findAll('[data-test^=customer-]')).toHaveLength(2))
    expect(m.wrapper.find('[data-test=customer-cust-2]').text()).toContain('暂无商机')

    await m.wrapper.find('[data-test=search] input').setValue('第二')
    await vi.waitFor(() => expect(m.wrapper.findAll('[data-test^=customer-]')).toHaveLength(1))
    await m.wrapper.find('[data-test=customer-cust-2]').trigger('click')
    expect(m.nav.screen.value).toEqual({ name: 'visit', target: { customerId: 'cust-2' } })
  })

  it('says so when nothing matches', async () => {
    const m = mountWith(CustomerPickerPage, { then: 'card' }, { routes: { 'GET /api/customers': () => ({ body: { items: [] } }) } })
    await vi.waitFor(() => expect(m.wrapper.text()).toContain('没有找到匹配的客户'))
  })
})
