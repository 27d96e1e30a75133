import { flushPromises } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import type { VisitFormSpec } from '../api/contract.js'
import { aCard } from '../testing/builders.js'
import type { FakeHandler } from '../testing/fake-bot.js'
import { memoryStore } from '../offline/kv-store.js'
import { mountWith } from '../testing/mount-with.js'
import { scriptedPlatform } from '../testing/scripted-platform.js'
import VisitFormPage from './VisitFormPage.vue'

const HERE = { lat: 30.2741, lng: 120.1551, accuracy: 18, coordSystem: 'gcj02' as const }
const PHOTO = { kind: 'file' as const, file: new Blob(['jpeg']), name: 'door.jpg' }

function routes(required: VisitFormSpec['required'], extra: Record<string, FakeHandler> = {}): Record<string, FakeHandler> {
  return {
    'GET /api/customers/by-external/wm-ext-1': () => ({ body: aCard() }),
    'GET /api/visit-form': () => ({ body: { required, photoWithinM: 150 } }),
    'GET /api/keywords': () => ({ body: { items: [{ word: '预算', aliases: ['经费'] }, { word: '院长', aliases: [] }] } }),
    'POST /api/attachments': () => ({ body: { id: 'att-9', sha256: 'ff' } }),
    'POST /api/visits': () => ({ body: { id: 'visit-1' } }),
    ...extra,
  }
}

async function open(required: VisitFormSpec['required'], platform = scriptedPlatform({ location: HERE, image: PHOTO })) {
  const m = mountWith(VisitFormPage, { target: { externalUserId: 'wm-ext-1' } }, { routes: routes(required), platform })
  await vi.waitFor(() => expect(m.wrapper.find('[data-test=submit]').exists()).toBe(true))
  await flushPromises()
  return m
}

describe('VisitFormPage', () => {
  it('refuses a visit without its required photo with a clear message and sends nothing', async () => {
    const { wrapper, bot } = await open(['location', 'photo'], scriptedPlatform({ location: HERE, image: null }))
    await wrapper.find('[data-test=locate] ').trigger('click')
    await wrapper.find('[data-test=pain-points] textarea').setValue('设备老化')
    await wrapper.find('[data-test=submit]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-test=problems]').text()).toContain('请拍摄现场照片：拜访记录必须附一张现场照片')
    expect(bot.calls('POST', '/api/visits')).toEqual([])
  })

  it('lists every missing required field at once', async () => {
    const { wrapper } = await open(['location', 'photo', 'painPoints', 'nextFollowUpAt'])
    await wrapper.find('[data-test=submit]').trigger('click')
    await flushPromises()
    expect(wrapper.findAll('[data-test=problems] li')).toHaveLength(4)
  })

  it('highlights keywords as the text is typed and sends them as keywordsHeard', async () => {
    const { wrapper, bot } = await open(['location', 'photo'])
    await wrapper.find('[data-test=pain-points] textarea').setValue('经费紧张\n院长要看招标')
    expect(wrapper.findAll('[data-test=highlighted] mark').map((m) => m.text())).toEqual(['经费', '院长'])
    expect(wrapper.find('[data-test=heard]').text()).toContain('预算、院长')

    await wrapper.find('[data-test=locate]').trigger('click')
    await wrapper.find('[data-test=take-photo]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-test=location]').text()).toContain('精度约 18 米')
    await wrapper.find('[data-test=submit]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-test=outcome]').text()).toBe('拜访记录已提交'))

    const posted = bot.calls('POST', '/api/visits')
    expect(posted).toHaveLength(1)
    expect(posted[0]?.body).toMatchObject({
      customerId: 'cust-1', opportunityId: 'opp-1', photoAttachmentId: 'att-9', location: HERE,
      painPoints: ['经费紧张', '院长要看招标'], keywordsHeard: ['预算', '院长'], deviceAt: '2026-11-27T02:00:00.000Z',
    })
  })

  it('keeps an offline visit on the device and says so', async () => {
    const { wrapper, bot, deps } = await open(['painPoints'])
    bot.state.offline = true
    await wrapper.find('[data-test=pain-points] textarea').setValue('预算没下来')
    await wrapper.find('[data-test=submit]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-test=outcome]').text()).toContain('当前离线，已保存在本机'))
    expect(deps.queue.pending.value).toBe(1)
  })

  it('keeps a typed draft when the sidebar is closed and reopened', async () => {
    const drafts = memoryStore<unknown>()
    const first = mountWith(VisitFormPage, { target: { externalUserId: 'wm-ext-1' } }, { routes: routes(['photo']), drafts })
    await vi.waitFor(() => expect(first.wrapper.find('[data-test=pain-points] textarea').exists()).toBe(true))
    await first.wrapper.find('[data-test=pain-points] textarea').setValue('科主任担心售后响应')
    await vi.waitFor(async () => expect(await drafts.get('visit:cust-1')).toMatchObject({ painPoints: '科主任担心售后响应' }))
    first.wrapper.unmount()

    const again = mountWith(VisitFormPage, { target: { externalUserId: 'wm-ext-1' } }, { routes: routes(['photo']), drafts })
    await vi.waitFor(() => expect((again.wrapper.find('[data-test=pain-points] textarea').element as HTMLTextAreaElement | undefined)?.value).toBe('科主任担心售后响应'))
  })

  it('shows the empty state when the customer cannot be loaded', async () => {
    const m = mountWith(VisitFormPage, { target: { externalUserId: 'nobody' } }, { routes: {} })
    await vi.waitFor(() => expect(m.wrapper.find('[data-test=error]').text()).toBe('找不到'))
    expect(m.wrapper.find('[data-test=submit]').exists()).toBe(false)
  })
})
