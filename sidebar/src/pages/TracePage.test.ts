import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { createDashboardClient } from '../api/dashboard-contract.js'
import { createTraceClient, type TraceView } from '../api/trace-contract.js'
import { DASHBOARD_API_KEY } from '../composables/useManagerDashboard.js'
import { TRACE_API_KEY } from '../composables/useTrace.js'
import { createSidebarI18n } from '../i18n/i18n.js'
import { errorBody, fakeBot, type FakeHandler } from '../testing/fake-bot.js'
import ManagerDashboardPage from './ManagerDashboardPage.vue'
import TracePage from './TracePage.vue'

const rec = (id: string, kind: string, over: Record<string, unknown> = {}) => ({ id, kind, at: '2026-03-02T02:00:00.000Z', memberId: 'm-li', member: '李娜',
  summary: '', data: {}, restricted: false, url: null, audit: [], ...over })
const TRACE: TraceView = {
  contract: { id: 'c1', number: 'HT-2026-001', title: '浙大一院 监护仪', customer: '浙大一院', opportunityId: 'o1' }, focusPaymentId: 'p1',
  steps: [
    { kind: 'payment', at: '2026-03-25T01:00:00.000Z', flags: [], records: [rec('p1', 'payment', { summary: '38400.00', data: { reference: 'HK-001', focus: true } })] },
    { kind: 'contract', at: '2026-03-19T16:00:00.000Z', flags: [], records: [rec('c1', 'contract', { summary: 'HT-2026-001',
      audit: [{ seq: 3, at: '2026-03-20T10:00:00.000Z', actor: 'm-li', action: 'created', data: {}, intact: true }] })] },
    { kind: 'approval', at: null, flags: [{ code: 'NO_APPROVAL', zh: '无审批记录', en: 'No approval recorded' }], records: [] },
    { kind: 'quote', at: '2026-03-10T01:00:00.000Z', flags: [], records: [rec('q1', 'quote', { url: '/api/dashboard/attachments/a-q', data: { amount: '128000.00' } })] },
    { kind: 'need', at: '2026-03-02T02:00:00.000Z', flags: [], records: [rec('v1', 'visit', { summary: '拜访：报警误报多', data: { painPoints: ['报警误报多'] } })] },
    { kind: 'first_visit', at: '2026-03-02T02:00:00.000Z', flags: [], records: [rec('v1', 'visit', { summary: '拜访：报警误报多', url: '/api/dashboard/attachments/a-v',
      data: { painPoints: ['报警误报多'], anomalies: [{ code: 'TOO_FAR' }] } })] },
    { kind: 'check_ins', at: '2026-03-02T01:20:00.000Z', flags: [], records: [rec('l1', 'location', { summary: '浙大一院' }), rec('x9', 'location', { restricted: true, member: null })] },
  ],
}
const PAYMENT = { id: 'p1', reference: 'HK-001', amount: '38400.00', paidOn: '2026-03-25', source: 'api', contractId: 'c1', contractNumber: 'HT-2026-001', customer: '浙大一院', owner: '李娜' }
const ROUTES: Record<string, FakeHandler> = {
  'GET /api/dashboard/payments': () => ({ body: { payments: [PAYMENT] } }),
  'GET /api/dashboard/contracts': () => ({ body: { contracts: [] } }),
  'GET /api/dashboard/trace': () => ({ body: TRACE }),
}

function mountPage(routes = ROUTES, component: typeof TracePage | typeof ManagerDashboardPage = TracePage) {
  const bot = fakeBot(routes)
  const wrapper = mount(component, {
    global: { plugins: [createSidebarI18n('zh-CN')], provide: { [TRACE_API_KEY as symbol]: createTraceClient(bot.fetch),
      [DASHBOARD_API_KEY as symbol]: createDashboardClient(bot.fetch) } },
    attachTo: document.body,
  })
  return { wrapper, bot }
}

async function chooseFile(wrapper: ReturnType<typeof mountPage>['wrapper'], button: string, file: File) {
  await wrapper.find(`[data-test=${button}]`).trigger('click')
  const input = wrapper.find('[data-test=import-file]')
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
  await input.trigger('change')
}

describe('TracePage', () => {
  it('opens a payment as a timeline down to the first visit\'s check-ins, gaps flagged, each step opening its raw record', async () => {
    const { wrapper, bot } = mountPage()
    await vi.waitFor(() => expect(wrapper.find('[data-test=payment-p1]').exists()).toBe(true))
    await wrapper.find('[data-test=payment-p1]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-test=timeline]').exists()).toBe(true))
    expect(Object.fromEntries(bot.calls('GET', '/api/dashboard/trace')[0]!.query)).toEqual({ paymentId: 'p1' })
    expect(wrapper.findAll('[data-test^=step-]').map((s) => s.attributes('data-test')))
      .toEqual(['step-payment', 'step-contract', 'step-approval', 'step-quote', 'step-need', 'step-first_visit', 'step-check_ins'])
    expect(wrapper.find('[data-test=step-first_visit]').text()).toContain('首次拜访')
    expect(wrapper.find('[data-test=flag-NO_APPROVAL]').text()).toBe('无审批记录')
    expect(wrapper.find('[data-test=record-x9]').attributes('disabled')).toBeDefined() // outside the caller's scope
    await wrapper.find('[data-test=step-first_visit] [data-test=record-v1]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-test=trace-record]').exists()).toBe(true))
    expect(wrapper.find('[data-test=record-image]').attributes('src')).toBe('/api/dashboard/attachments/a-v')
    expect(wrapper.find('[data-test=field-painPoints]').text()).toContain('报警误报多')
    expect(wrapper.find('[data-test=field-anomalies]').text()).toContain('TOO_FAR')
    await wrapper.find('[data-test=record-c1]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-test=record-audit]').text()).toContain('未被篡改'))
    wrapper.unmount()
  })

  it('imports a payments sheet and shows what was added', async () => {
    let form: FormData | null = null
    const { wrapper } = mountPage({ ...ROUTES, 'POST /api/dashboard/import': (req) => {
      form = req.body as FormData
      return { body: { inserted: 2, unchanged: 1 } }
    } })
    await flushPromises()
    await chooseFile(wrapper, 'import-payments', new File(['合同编号,回款金额,回款日期,回款单号\n'], '回款.csv', { type: 'text/csv' }))
    await vi.waitFor(() => expect(wrapper.find('[data-test=import-done]').text()).toBe('已导入 2 条，1 条已存在未变'))
    expect(form!.get('kind')).toBe('payments')
    expect((form!.get('file') as File).name).toBe('回款.csv')
    wrapper.unmount()
  })

  it('lists every refused row with its number when a sheet is refused', async () => {
    const rows = [{ row: 3, code: 'IMPORT_FIELD_INVALID', message: { zh: '第 3 行「金额」无法识别：lots', en: 'Row 3: 金额 is not understood: lots' } },
      { row: 5, code: 'IMPORT_CONTRACT_UNKNOWN', message: { zh: '第 5 行：找不到合同 HT-9', en: 'Row 5: no contract HT-9' } }]
    const { wrapper, bot } = mountPage({ ...ROUTES, 'POST /api/dashboard/import': () =>
      ({ status: 422, body: errorBody('IMPORT_ROWS_INVALID', '导入文件有 2 处错误，未写入任何数据', 'The import file has 2 problems; nothing was written', { count: 2, rows }) }) })
    await flushPromises()
    await chooseFile(wrapper, 'import-contracts', new File(['x'], '合同.xlsx'))
    await vi.waitFor(() => expect(wrapper.find('[data-test=import-issues]').exists()).toBe(true))
    expect(wrapper.find('[data-test=import-refused]').text()).toBe('导入文件有 2 处错误，未写入任何数据')
    expect(wrapper.find('[data-test=issue-3]').text()).toBe('第 3 行「金额」无法识别：lots')
    expect(wrapper.find('[data-test=issue-5]').text()).toBe('第 5 行：找不到合同 HT-9')
    expect(bot.calls('GET', '/api/dashboard/payments')).toHaveLength(1) // nothing changed, nothing reloaded
    wrapper.unmount()
  })

  it('is reachable from the manager dashboard, and its back button returns there', async () => {
    const matrix = { processId: 'p', from: '2026-10-28T00:00:00.000Z', to: '2026-11-27T00:00:00.000Z', nodes: [], nodeNames: {}, rows: [] }
    const { wrapper } = mountPage({ ...ROUTES, 'GET /api/dashboard/processes': () => ({ body: { processes: [{ id: 'p', name: { zh: '流程', en: 'P' }, nodes: [] }] } }),
      'GET /api/dashboard/matrix': () => ({ body: matrix }) }, ManagerDashboardPage)
    await vi.waitFor(() => expect(wrapper.find('[data-test=open-trace]').exists()).toBe(true))
    await wrapper.find('[data-test=open-trace]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-test=payment-p1]').exists()).toBe(true))
    await wrapper.find('[data-test=trace-back]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-test=trace-page]').exists()).toBe(false)
    expect(wrapper.find('[data-test=open-trace]').exists()).toBe(true)
    wrapper.unmount()
  })
})
