import { flushPromises } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import type { QuoteStatus } from '../api/contract.js'
import type { CustomerRef } from '../composables/navigation.js'
import { aQuote } from '../testing/builders.js'
import type { FakeHandler } from '../testing/fake-bot.js'
import { mountWith } from '../testing/mount-with.js'
import { scriptedPlatform } from '../testing/scripted-platform.js'
import ArchiveQuotePage from './ArchiveQuotePage.vue'

const CUSTOMER: CustomerRef = { customerId: 'cust-1', customerName: '杭州市第一人民医院', opportunityId: 'opp-1', node: null }

/** The bot answers the status polls in this order, repeating the last one. */
function routes(statuses: QuoteStatus[], extra: Record<string, FakeHandler> = {}): Record<string, FakeHandler> {
  let poll = 0
  return {
    'POST /api/quotes': () => ({ body: { quoteId: 'q-1' } }),
    'GET /api/quotes/q-1': () => ({ body: statuses[Math.min(poll++, statuses.length - 1)] }),
    'POST /api/quotes/q-1/confirm': () => ({ body: { quoteId: 'q-1', deliverableSatisfied: true } }),
    'POST /api/attachments': () => ({ body: { id: 'att-1', sha256: 'aa' } }),
    ...extra,
  }
}

const LOW_AMOUNT = aQuote({ confidence: { amount: 0.41, models: 0.9, quoteDate: 0.9, validUntil: 0.9 }, flags: ['amount_low_confidence'] })
const WECOM_IMAGE = scriptedPlatform({ image: { kind: 'media', mediaId: 'media-abc' } })

async function readQuote(statuses: QuoteStatus[], platform = WECOM_IMAGE) {
  const m = mountWith(ArchiveQuotePage, { customer: CUSTOMER }, { routes: routes(statuses), platform })
  await m.wrapper.find('[data-test=choose]').trigger('click')
  await vi.waitFor(() => expect(m.wrapper.find('[data-test=confirm]').exists()).toBe(true))
  return m
}

describe('ArchiveQuotePage', () => {
  it('polls until the OCR is read and sends the WeCom media id, not a file', async () => {
    const { wrapper, bot } = await readQuote([aQuote({ status: 'queued', progress: 0 }), aQuote({ status: 'processing', progress: 0.5 }), aQuote()])
    expect(bot.calls('POST', '/api/quotes')[0]?.body).toEqual({ clientId: 'id-1', opportunityId: 'opp-1', mediaId: 'media-abc' })
    expect(bot.calls('GET', '/api/quotes/q-1')).toHaveLength(3)
    expect((wrapper.find('[data-test=field-amount] input').element as HTMLInputElement).value).toBe('128000')
  })

  it('uploads the file first on desktop and creates the quote from the attachment', async () => {
    const desktop = scriptedPlatform({ image: { kind: 'file', file: new Blob(['png']), name: 'quote.png' } })
    const { bot } = await readQuote([aQuote()], desktop)
    expect(bot.calls('POST', '/api/attachments')).toHaveLength(1)
    expect(bot.calls('POST', '/api/quotes')[0]?.body).toMatchObject({ opportunityId: 'opp-1', attachmentId: 'att-1' })
  })

  it('never accepts a low-confidence amount silently: it must be ticked or corrected', async () => {
    const { wrapper, bot } = await readQuote([LOW_AMOUNT])
    expect(wrapper.find('[data-test=field-amount]').classes()).toContain('low')
    expect(wrapper.find('[data-test=field-models]').classes()).not.toContain('low')

    await wrapper.find('[data-test=confirm]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-test=problems]').text()).toContain('金额识别把握不大：请核对后勾选确认，或直接修改')
    expect(bot.calls('POST', '/api/quotes/q-1/confirm')).toEqual([])

    await wrapper.find('[data-test=confirm-amount]').trigger('click')
    await wrapper.find('[data-test=confirm]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-test=done]').exists()).toBe(true))
    expect(bot.calls('POST', '/api/quotes/q-1/confirm')[0]?.body).toMatchObject({
      amount: 128000, models: ['DR-7000'], validUntil: '2026-12-20', corrected: false, acceptedLowConfidence: ['amount'],
    })
  })

  it('counts a corrected amount as checked and reports the correction', async () => {
    const { wrapper, bot } = await readQuote([LOW_AMOUNT])
    await wrapper.find('[data-test=field-amount] input').setValue('126000')
    await wrapper.find('[data-test=confirm]').trigger('click')
    await vi.waitFor(() => expect(bot.calls('POST', '/api/quotes/q-1/confirm')).toHaveLength(1))
    expect(bot.calls('POST', '/api/quotes/q-1/confirm')[0]?.body).toMatchObject({ amount: 126000, corrected: true, acceptedLowConfidence: [] })
  })

  it('shows why the OCR failed and lets the rep choose another image', async () => {
    const failed = aQuote({ status: 'failed', error: { code: 'QUOTE_IMAGE_UNREADABLE', message: { zh: '报价单图片无法识别，请重新拍摄清晰的照片', en: 'unreadable' } } })
    const m = mountWith(ArchiveQuotePage, { customer: CUSTOMER }, { routes: routes([failed]), platform: WECOM_IMAGE })
    await m.wrapper.find('[data-test=choose]').trigger('click')
    await vi.waitFor(() => expect(m.wrapper.find('[data-test=error]').text()).toBe('报价单图片无法识别，请重新拍摄清晰的照片'))
    expect(m.wrapper.find('[data-test=choose]').exists()).toBe(true)
  })

  it('asks for an opportunity first when the customer has none', () => {
    const m = mountWith(ArchiveQuotePage, { customer: { ...CUSTOMER, opportunityId: null } }, { routes: {} })
    expect(m.wrapper.text()).toContain('请先为该客户新建商机')
    expect(m.wrapper.find('[data-test=choose]').exists()).toBe(false)
  })
})
