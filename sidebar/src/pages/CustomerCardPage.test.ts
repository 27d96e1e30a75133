import { describe, expect, it, vi } from 'vitest'
import { aCard } from '../testing/builders.js'
import { errorBody } from '../testing/fake-bot.js'
import { mountWith } from '../testing/mount-with.js'
import CustomerCardPage from './CustomerCardPage.vue'

const MISSING = [
  { key: 'department-sign-photo', name: { zh: '科室门牌照片', en: 'Department sign photo' }, kind: 'photo', have: 0, need: 1 },
  { key: 'visit-summary', name: { zh: '拜访语音纪要', en: 'Visit voice-note summary' }, kind: 'voice_summary', have: 1, need: 2 },
]

async function openCard(routes: Parameters<typeof mountWith>[2]['routes']) {
  const m = mountWith(CustomerCardPage, { target: { externalUserId: 'wm-ext-1' } }, { routes })
  await vi.waitFor(() => expect(m.wrapper.find('[data-test=customer-name]').exists()).toBe(true))
  return m
}

describe('CustomerCardPage', () => {
  it('shows the stage, its due colour, what is missing, open tasks and records', async () => {
    const { wrapper } = await openCard({ 'GET /api/customers/by-external/wm-ext-1': () => ({ body: aCard({ status: 'overdue', colour: 'red' }) }) })
    expect(wrapper.find('[data-test=node]').text()).toBe('科室拜访')
    expect(wrapper.find('[data-test=status]').text()).toContain('已超时')
    expect(wrapper.find('[data-test=status]').attributes('data-colour')).toBe('red')
    expect(wrapper.find('[data-test=missing]').text()).toContain('科室门牌照片')
    expect(wrapper.find('[data-test=tasks]').text()).toContain('补拍科室门牌')
    expect(wrapper.find('[data-test=records]').text()).toContain('首次拜访，科主任在')
    expect(wrapper.find('[data-test=advance]').text()).toBe('推进到「科主任认可」')
  })

  it('lists every missing deliverable when the bot refuses to advance', async () => {
    const refusal = errorBody('DELIVERABLES_MISSING', '缺少交付物：科室门牌照片; 拜访语音纪要', 'Missing deliverables', { node: 'department-visit', missing: '…', items: MISSING })
    const { wrapper, bot } = await openCard({
      'GET /api/customers/by-external/wm-ext-1': () => ({ body: aCard() }),
      'POST /api/opportunities/opp-1/advance': () => ({ status: 409, body: refusal }),
    })
    await wrapper.find('[data-test=advance]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-test=refusal-missing]').exists()).toBe(true))
    expect(wrapper.find('[data-test=error]').text()).toContain('缺少交付物')
    expect(wrapper.findAll('[data-test=refusal-missing] li').map((li) => li.text())).toEqual(['科室门牌照片已有 0/需 1', '拜访语音纪要已有 1/需 2'])
    expect(bot.calls('POST', '/api/opportunities/opp-1/advance')[0]?.body).toMatchObject({ fromNode: 'department-visit' })
  })

  it('offers to start an opportunity when there is none, then shows it', async () => {
    let started = false
    const { wrapper, bot } = await openCard({
      'GET /api/customers/by-external/wm-ext-1': () => ({ body: started ? aCard() : aCard(null) }),
      'POST /api/opportunities': () => {
        started = true
        return { body: { id: 'opp-1', node: { key: 'department-visit', name: { zh: '科室拜访', en: 'Department visit' } } } }
      },
    })
    expect(wrapper.find('[data-test=advance]').exists()).toBe(false)
    await wrapper.find('[data-test=start]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-test=node]').text()).toBe('科室拜访'))
    expect(bot.calls('POST', '/api/opportunities')[0]?.body).toMatchObject({ customerId: 'cust-1' })
  })

  it('goes to the quote archive with this customer and opportunity', async () => {
    const { wrapper, nav } = await openCard({ 'GET /api/customers/by-external/wm-ext-1': () => ({ body: aCard() }) })
    await wrapper.find('[data-test=go-quote]').trigger('click')
    expect(nav.screen.value).toEqual({ name: 'quote', customer: { customerId: 'cust-1', customerName: '杭州市第一人民医院', opportunityId: 'opp-1', node: { key: 'department-visit', name: { zh: '科室拜访', en: 'Department visit' } } } })
  })
})
