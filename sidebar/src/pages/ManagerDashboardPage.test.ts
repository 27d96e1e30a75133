import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { createDashboardClient, type MatrixView, type RunRecord } from '../api/dashboard-contract.js'
import MatrixChart from '../components/manager/MatrixChart.vue'
import { DASHBOARD_API_KEY } from '../composables/useManagerDashboard.js'
import { createSidebarI18n } from '../i18n/i18n.js'
import { errorBody, fakeBot, type FakeHandler } from '../testing/fake-bot.js'
import ManagerDashboardPage from './ManagerDashboardPage.vue'

const zero = { on_time: 0, made_up: 0, overdue: 0, open: 0, not_reached: 0 }
const MATRIX: MatrixView = {
  processId: 'hospital', from: '2026-10-28T00:00:00.000Z', to: '2026-11-27T00:00:00.000Z', nodes: ['visit', 'quote'],
  nodeNames: { visit: { zh: '首次拜访', en: 'First visit' }, quote: { zh: '报价跟进', en: 'Quote' } },
  rows: [{ memberId: 'm-li', name: '李娜', cells: [
    { node: 'visit', counts: { ...zero, on_time: 2, overdue: 1 }, total: 3, colour: 'red' },
    { node: 'quote', counts: zero, total: 0, colour: 'grey' }] }],
}
const RUN = { id: 'run-1', opportunityId: 'o1', title: '浙大一院 监护仪', customer: '浙大一院', owner: '李娜', node: 'visit',
  enteredAt: '2026-11-20T01:00:00.000Z', dueAt: '2026-11-21T01:00:00.000Z', doneAt: null, status: 'overdue' as const }
const RECORD: RunRecord = {
  run: { ...RUN, exit: null, ownerId: 'm-li' },
  deliverables: [{ id: 'd1', kind: 'photo', data: {}, arrivedAt: '2026-11-20T02:00:00.000Z', mime: 'image/png', url: '/api/dashboard/attachments/a1' }],
  quotes: [{ id: 'q1', status: 'confirmed', ocr: { amount: '128000.00' }, confirmed: null, createdAt: '2026-11-20T03:00:00.000Z', url: null }],
  activities: [
    { id: 'v1', kind: 'visit', summary: '拜访陈主任', data: { anomalies: [{ code: 'TOO_FAR' }] }, member: '李娜',
      occurredAt: '2026-11-20T02:00:00.000Z', deviceAt: null, receivedAt: '2026-11-20T02:00:00.000Z', photoUrl: '/api/dashboard/attachments/a1' },
    { id: 'ap1', kind: 'approval', summary: '报价审批通过', data: {}, member: '王建国',
      occurredAt: '2026-11-21T02:00:00.000Z', deviceAt: null, receivedAt: '2026-11-21T02:00:00.000Z', photoUrl: null },
  ],
  audit: [{ seq: 7, at: '2026-11-20T02:00:00.000Z', actor: 'm-li', entity: 'deliverable', entityId: 'd1', action: 'create', intact: true }],
}
const ROUTES: Record<string, FakeHandler> = {
  'GET /api/dashboard/processes': () => ({ body: { processes: [{ id: 'hospital', name: { zh: '医院流程', en: 'Hospital' }, nodes: [] }] } }),
  'GET /api/dashboard/matrix': () => ({ body: MATRIX }),
  'GET /api/dashboard/cell': () => ({ body: { runs: [RUN] } }),
  'GET /api/dashboard/node-runs/run-1': () => ({ body: RECORD }),
}

function mountPage(routes = ROUTES) {
  const bot = fakeBot(routes)
  const wrapper = mount(ManagerDashboardPage, {
    global: { plugins: [createSidebarI18n('zh-CN')], provide: { [DASHBOARD_API_KEY as symbol]: createDashboardClient(bot.fetch) } },
    attachTo: document.body,
  })
  return { wrapper, bot }
}

describe('ManagerDashboardPage', () => {
  it('draws the matrix, and a red cell opens its runs, then a run its photo, approval trail and audit', async () => {
    const { wrapper, bot } = mountPage()
    await vi.waitFor(() => expect(wrapper.find('[data-test=matrix-chart] svg').exists()).toBe(true))
    expect(wrapper.find('[data-test=matrix-chart]').text()).toContain('李娜')
    expect(wrapper.find('[data-test=export-matrix]').attributes('href')).toBe('/api/dashboard/export/matrix.xlsx?processId=hospital')
    const chart = (wrapper.findComponent(MatrixChart).vm as unknown as { chart: () => { trigger: (e: string, p: unknown) => void } }).chart()
    chart.trigger('click', { value: [0, 0, 3] })
    await vi.waitFor(() => expect(wrapper.find('[data-test=run-run-1]').exists()).toBe(true))
    expect(Object.fromEntries(bot.calls('GET', '/api/dashboard/cell')[0]!.query)).toEqual({ processId: 'hospital', memberId: 'm-li', node: 'visit', colour: 'red' })
    expect(wrapper.find('[data-test=cell-title]').text()).toBe('李娜 · 首次拜访 · 超时')
    await wrapper.find('[data-test=run-run-1]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-test=record]').exists()).toBe(true))
    expect(wrapper.find('[data-test=evidence-photo]').attributes('src')).toBe('/api/dashboard/attachments/a1')
    expect(wrapper.find('[data-test=activity]').text()).toContain('TOO_FAR')
    expect(wrapper.find('[data-test=quote]').text()).toContain('amount: 128000.00')
    expect(wrapper.find('[data-test=approvals]').text()).toContain('报价审批通过')
    expect(wrapper.find('[data-test=audit]').text()).toContain('未被篡改')
    await wrapper.find('[data-test=back]').trigger('click')
    await wrapper.find('[data-test=back]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-test=matrix-chart]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('lists the slowest recent hires at a node, each run opening its records', async () => {
    const coaching = { processId: 'hospital', node: 'visit', since: '2026-05-27', reps: [{ memberId: 'm-li', name: '李娜', hireDate: '2026-09-01',
      onTime: 1, madeUp: 0, overdue: 3, decided: 4, onTimeRate: 0.25, last: [RUN] }] }
    const { wrapper, bot } = mountPage({ ...ROUTES, 'GET /api/dashboard/coaching': () => ({ body: coaching }) })
    await vi.waitFor(() => expect(wrapper.find('[data-test=coach-node-visit]').exists()).toBe(true))
    await wrapper.find('[data-test=coach-node-visit]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-test=coach-m-li]').exists()).toBe(true))
    expect(Object.fromEntries(bot.calls('GET', '/api/dashboard/coaching')[0]!.query)).toEqual({ processId: 'hospital', node: 'visit', months: '6' })
    expect(wrapper.find('[data-test=coach-m-li]').text()).toContain('李娜 · 按时率 25% (1/4)')
    await wrapper.find('[data-test=coach-run-run-1]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-test=record]').exists()).toBe(true))
    wrapper.unmount()
  })

  it('ignores a click on an empty cell', async () => {
    const { wrapper, bot } = mountPage()
    await vi.waitFor(() => expect(wrapper.find('[data-test=matrix-chart] svg').exists()).toBe(true))
    const chart = (wrapper.findComponent(MatrixChart).vm as unknown as { chart: () => { trigger: (e: string, p: unknown) => void } }).chart()
    chart.trigger('click', { value: [1, 0, 0] })
    await flushPromises()
    expect(bot.calls('GET', '/api/dashboard/cell')).toHaveLength(0)
    wrapper.unmount()
  })

  it('shows the refusal when the bot answers 403', async () => {
    const { wrapper } = mountPage({ ...ROUTES, 'GET /api/dashboard/matrix': () => ({ status: 403, body: errorBody('FORBIDDEN', '无权访问该数据', 'Forbidden') }) })
    await vi.waitFor(() => expect(wrapper.text()).toContain('无权访问该数据'))
    expect(wrapper.find('[data-test=matrix-chart]').exists()).toBe(false)
    wrapper.unmount()
  })
})
