import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { createHeatmapClient, type KnowledgeItem } from '../api/heatmap-contract.js'
import { HEATMAP_API_KEY } from '../composables/heatmap-api.js'
import { createSidebarI18n } from '../i18n/i18n.js'
import { errorBody, fakeBot, type FakeHandler } from '../testing/fake-bot.js'
import KnowledgePage from './KnowledgePage.vue'

const item = (over: Partial<KnowledgeItem>): KnowledgeItem => ({ id: 'k1', kind: 'script', title: '预算未下达时的问法', body: '先问预算。', status: 'draft',
  authorId: 'm-li', author: '李娜', department: 'lab', reviewer: null, reviewedAt: null, approver: null, approvedAt: null,
  createdAt: '2026-11-20T02:00:00.000Z', canReview: true, ...over })
const RATES = { quarters: ['2026-Q3', '2026-Q4'], teams: [{ teamId: 't1', name: '王建国', trend: { delta: -0.25, direction: 'down' },
  quarters: [{ quarter: '2026-Q3', insight: 0, script: 0, sop: 1, approved: 1, opportunities: 2, rate: 0.5 },
    { quarter: '2026-Q4', insight: 0, script: 1, sop: 0, approved: 1, opportunities: 4, rate: 0.25 }] }] }

function mountPage(routes: Record<string, FakeHandler>) {
  const bot = fakeBot({ 'GET /api/dashboard/asset-rate': () => ({ body: RATES }), ...routes })
  const wrapper = mount(KnowledgePage, {
    global: { plugins: [createSidebarI18n('zh-CN')], provide: { [HEATMAP_API_KEY as symbol]: createHeatmapClient(bot.fetch) } }, attachTo: document.body })
  return { wrapper, bot }
}

describe('KnowledgePage', () => {
  it('shows each team\'s rate by quarter with its trend, and moves a draft on when the reviewer taps it', async () => {
    let current = item({})
    const { wrapper, bot } = mountPage({
      'GET /api/knowledge': () => ({ body: { items: [current] } }),
      'POST /api/knowledge/k1/review': () => { current = item({ status: 'reviewed', reviewer: '王建国' }); return { body: current } },
    })
    await vi.waitFor(() => expect(wrapper.find('[data-test=team-t1]').exists()).toBe(true))
    expect(wrapper.find('[data-test=team-t1]').text()).toContain('25.0%')
    expect(wrapper.find('[data-test=trend]').text()).toBe('↓ -25.0%')
    expect(wrapper.find('[data-test=item-k1]').text()).toContain('草稿')
    await wrapper.find('[data-test=item-k1] [data-test=review]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-test=item-k1]').text()).toContain('审核：王建国'))
    expect(bot.calls('POST', '/api/knowledge/k1/review')[0]!.body).toEqual({ to: 'reviewed' })
    expect(wrapper.find('[data-test=item-k1] [data-test=review]').text()).toBe('设为可复用')
    wrapper.unmount()
  })

  it('shows why a review was refused, in Chinese', async () => {
    const { wrapper } = mountPage({
      'GET /api/knowledge': () => ({ body: { items: [item({ canReview: true })] } }),
      'POST /api/knowledge/k1/review': () => ({ status: 403, body: errorBody('KNOWLEDGE_SELF_REVIEW', '不能审核自己提交的知识条目', 'You cannot review a knowledge item you wrote') }),
    })
    await vi.waitFor(() => expect(wrapper.find('[data-test=review]').exists()).toBe(true))
    await wrapper.find('[data-test=review]').trigger('click')
    await vi.waitFor(() => expect(wrapper.text()).toContain('不能审核自己提交的知识条目'))
    wrapper.unmount()
  })

  it('submits a new item as a draft of the chosen kind', async () => {
    const { wrapper, bot } = mountPage({
      'GET /api/knowledge': () => ({ body: { items: [] } }),
      'POST /api/knowledge': (r) => ({ status: 201, body: item({ ...(r.body as object), id: 'k2' }) }),
    })
    await vi.waitFor(() => expect(wrapper.find('[data-test=submit]').exists()).toBe(true))
    expect(wrapper.find('[data-test=submit]').attributes('disabled')).toBeDefined()
    await wrapper.find('[data-test=kind-sop]').trigger('click')
    await wrapper.find('[data-test=title] input').setValue('装机回访 SOP')
    await wrapper.find('[data-test=body] textarea').setValue('装机后第 30 天回访科室。')
    await wrapper.find('[data-test=submit]').trigger('click')
    await vi.waitFor(() => expect(bot.calls('POST', '/api/knowledge')).toHaveLength(1))
    expect(bot.calls('POST', '/api/knowledge')[0]!.body).toEqual({ kind: 'sop', title: '装机回访 SOP', body: '装机后第 30 天回访科室。' })
    wrapper.unmount()
  })
})
