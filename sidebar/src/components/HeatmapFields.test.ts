import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { HeatmapForm } from '../api/heatmap-contract.js'
import VisitFormPage from '../pages/VisitFormPage.vue'
import { aCard } from '../testing/builders.js'
import { fakeBot, type FakeHandler } from '../testing/fake-bot.js'
import { mountWith } from '../testing/mount-with.js'
import { scriptedPlatform } from '../testing/scripted-platform.js'

const FORM: HeatmapForm = {
  department: { field: 'department', options: [{ key: 'lab', zh: '检验科', en: 'Laboratory' }, { key: 'icu', zh: 'ICU', en: 'ICU' }] },
  fields: [
    { key: 'purchaseIntent', type: 'select', zh: '设备采购意向', en: 'Purchase intent', options: [{ key: 'aware', zh: '了解产品', en: 'Aware' }, { key: 'budgeted', zh: '已列预算', en: 'Budgeted' }] },
    { key: 'consumablesCurrent', type: 'number', zh: '当前耗材月用量（盒）', en: 'Consumables per month' },
    { key: 'rolesMet', type: 'multi', zh: '已接触决策链角色', en: 'Roles met', options: [{ key: 'director', zh: '科主任', en: 'Head' }, { key: 'headNurse', zh: '护士长', en: 'Head nurse' }] },
  ],
}
const routes: Record<string, FakeHandler> = {
  'GET /api/customers/by-external/wm-ext-1': () => ({ body: aCard() }),
  'GET /api/visit-form': () => ({ body: { required: ['location', 'photo'], photoWithinM: null } }),
  'GET /api/keywords': () => ({ body: { items: [] } }),
  'POST /api/attachments': () => ({ body: { id: 'att-9', sha256: 'ff' } }),
  'POST /api/visits': () => ({ body: { id: 'visit-1' } }),
}
const platform = () => scriptedPlatform({ location: { lat: 30.27, lng: 120.15, accuracy: 18, coordSystem: 'gcj02' },
  image: { kind: 'file', file: new Blob(['jpeg']), name: 'door.jpg' } })

afterEach(() => vi.unstubAllGlobals())

describe('heatmap fields on the visit form', () => {
  it('sends the department and the answers picked with the visit', async () => {
    vi.stubGlobal('fetch', fakeBot({ 'GET /api/heatmap-form': () => ({ body: FORM }) }).fetch)
    const { wrapper, bot } = mountWith(VisitFormPage, { target: { externalUserId: 'wm-ext-1' } }, { routes, platform: platform() })
    await vi.waitFor(() => expect(wrapper.find('[data-test=dept-lab]').exists()).toBe(true))
    expect(wrapper.find('[data-test=opt-purchaseIntent-aware]').exists()).toBe(false) // nothing to answer before a department
    await wrapper.find('[data-test=dept-lab]').trigger('click')
    await wrapper.find('[data-test=opt-purchaseIntent-budgeted]').trigger('click')
    await wrapper.find('[data-test=opt-rolesMet-director]').trigger('click')
    await wrapper.find('[data-test=opt-rolesMet-headNurse]').trigger('click')
    await wrapper.find('[data-test=opt-rolesMet-director]').trigger('click')
    await wrapper.find('[data-test=field-consumablesCurrent] input').setValue('120')
    await wrapper.find('[data-test=locate]').trigger('click')
    await wrapper.find('[data-test=take-photo]').trigger('click')
    await flushPromises()
    await wrapper.find('[data-test=submit]').trigger('click')
    await vi.waitFor(() => expect(bot.calls('POST', '/api/visits')).toHaveLength(1))
    expect((bot.calls('POST', '/api/visits')[0]!.body as { heatmap: unknown }).heatmap)
      .toEqual({ department: 'lab', purchaseIntent: 'budgeted', rolesMet: ['headNurse'], consumablesCurrent: 120 })
    wrapper.unmount()
  })

  it('leaves the visit as it was when the heatmap form cannot be loaded', async () => {
    vi.stubGlobal('fetch', fakeBot({}).fetch)
    const { wrapper, bot } = mountWith(VisitFormPage, { target: { externalUserId: 'wm-ext-1' } }, { routes, platform: platform() })
    await vi.waitFor(() => expect(wrapper.find('[data-test=submit]').exists()).toBe(true))
    await flushPromises()
    expect(wrapper.find('[data-test=heatmap-fields]').exists()).toBe(false)
    await wrapper.find('[data-test=locate]').trigger('click')
    await wrapper.find('[data-test=take-photo]').trigger('click')
    await flushPromises()
    await wrapper.find('[data-test=submit]').trigger('click')
    await vi.waitFor(() => expect(bot.calls('POST', '/api/visits')).toHaveLength(1))
    expect(bot.calls('POST', '/api/visits')[0]!.body).not.toHaveProperty('heatmap')
    wrapper.unmount()
  })
})
