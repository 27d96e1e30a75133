import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { createHeatmapClient, type HeatmapView } from '../api/heatmap-contract.js'
import DepartmentHeatmap from '../components/manager/DepartmentHeatmap.vue'
import { HEATMAP_API_KEY } from '../composables/heatmap-api.js'
import { createSidebarI18n, type Locale } from '../i18n/i18n.js'
import { errorBody, fakeBot, type FakeHandler } from '../testing/fake-bot.js'
import HeatmapPage from './HeatmapPage.vue'

const cell = (week: string, intent: number, gap: number, red = 0) => ({ week, customers: 2, red, intent, gap, chain: 30 })
const VIEW: HeatmapView = {
  weeks: ['2026-11-09', '2026-11-16'],
  scores: { intent: { zh: '设备采购意向', en: 'Equipment purchase intent' }, gap: { zh: '耗材用量缺口', en: 'Consumables usage gap' },
    chain: { zh: '决策链完整度', en: 'Decision-chain completeness' } },
  departments: [{ key: 'lab', zh: '检验科', en: 'Laboratory', cells: [cell('2026-11-09', 40, 75), cell('2026-11-16', 53, 38, 1)] },
    { key: 'icu', zh: '重症医学科（ICU）', en: 'ICU', cells: [cell('2026-11-09', 0, 0), cell('2026-11-16', 100, 0)] }],
  red: [{ customerId: 'c1', name: '浙大一院', owner: '李娜', departments: ['lab'], lastProgressAt: '2026-11-03T02:00:00.000Z' }],
}

function mountPage(routes: Record<string, FakeHandler>, locale: Locale = 'zh-CN') {
  const bot = fakeBot(routes)
  const wrapper = mount(HeatmapPage, { props: { week: '2026-11-16' },
    global: { plugins: [createSidebarI18n(locale)], provide: { [HEATMAP_API_KEY as symbol]: createHeatmapClient(bot.fetch) } }, attachTo: document.body })
  return { wrapper, bot }
}
type Series = { series: { data: number[][] }[] }

describe('HeatmapPage', () => {
  it('draws departments by week for the chosen score, lists red customers and links the export of the same week', async () => {
    const { wrapper, bot } = mountPage({ 'GET /api/dashboard/heatmap': () => ({ body: VIEW }) })
    await vi.waitFor(() => expect(wrapper.find('[data-test=heatmap-chart] svg').exists()).toBe(true))
    expect(Object.fromEntries(bot.calls('GET', '/api/dashboard/heatmap')[0]!.query)).toEqual({ week: '2026-11-16', weeks: '8' })
    expect(wrapper.find('[data-test=heatmap-chart]').text()).toContain('检验科')
    const chart = () => (wrapper.findComponent(DepartmentHeatmap).vm as unknown as { chart: () => { getOption: () => Series } }).chart()
    // 检验科 is the top row (y = 1); last week's intent 53
    expect(chart().getOption().series[0]!.data).toContainEqual([1, 1, 53, 2, 1])
    await wrapper.find('[data-test=score-gap]').trigger('click')
    await vi.waitFor(() => expect(chart().getOption().series[0]!.data).toContainEqual([1, 1, 38, 2, 1]))
    expect(wrapper.find('[data-test=red-c1]').text()).toContain('浙大一院')
    expect(wrapper.find('[data-test=red-c1]').text()).toContain('检验科')
    expect(wrapper.find('[data-test=export-heatmap]').attributes('href')).toBe('/api/dashboard/export/heatmap.xlsx?week=2026-11-16&weeks=8')
    wrapper.unmount()
  })

  it('speaks English when chosen and shows the server\'s refusal', async () => {
    const { wrapper } = mountPage({ 'GET /api/dashboard/heatmap': () => ({ body: { ...VIEW, red: [] } }) }, 'en')
    await vi.waitFor(() => expect(wrapper.find('[data-test=no-red]').exists()).toBe(true))
    expect(wrapper.find('[data-test=score-chain]').text()).toBe('Decision-chain completeness')
    wrapper.unmount()
    const refused = mountPage({ 'GET /api/dashboard/heatmap': () => ({ status: 400, body: errorBody('BAD_REQUEST', '请求格式不正确：weeks', 'Malformed request: weeks') }) })
    await vi.waitFor(() => expect(refused.wrapper.text()).toContain('请求格式不正确：weeks'))
    refused.wrapper.unmount()
  })
})
