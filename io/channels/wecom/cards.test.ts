import { describe, expect, it } from 'vitest'
import { toTemplateCard } from './cards.js'
import { isTrustedUrl } from './jsapi.js'

describe('toTemplateCard', () => {
  const card = {
    title: '报价跟进已超时', description: '示例医疗', taskId: 'node_run_42_l1', url: 'https://crm.example.com/o/42',
    fields: Array.from({ length: 8 }, (_, i) => ({ label: `k${i}`, value: `v${i}` })),
    buttons: [{ key: 'done', text: '已跟进' }, { key: 'snooze', text: '延期1天', style: 'secondary' as const }, { key: 'drop', text: '放弃', style: 'danger' as const }],
  }

  it('renders a button_interaction card within WeCom\'s list limits', () => {
    expect(toTemplateCard(card)).toEqual({
      card_type: 'button_interaction', source: { desc: 'Salespath' },
      main_title: { title: '报价跟进已超时', desc: '示例医疗' },
      horizontal_content_list: card.fields.slice(0, 6).map((f) => ({ keyname: f.label, value: f.value })),
      card_action: { type: 1, url: 'https://crm.example.com/o/42' },
      task_id: 'node_run_42_l1',
      button_list: [{ text: '已跟进', style: 1, key: 'done' }, { text: '延期1天', style: 2, key: 'snooze' }, { text: '放弃', style: 3, key: 'drop' }],
    })
  })

  it('leaves out optional parts that are absent', () => {
    const t = toTemplateCard({ title: 't', taskId: 'x', buttons: [{ key: 'k', text: 'b' }] })
    expect(t).not.toHaveProperty('card_action')
    expect(t.main_title).toEqual({ title: 't' })
    expect(t.horizontal_content_list).toEqual([])
  })

  it('makes a card without buttons a text_notice whose body opens the page (no dead button)', () => {
    const t = toTemplateCard({ title: '本周科室需求热力图', taskId: 'heatmap_1', url: 'https://crm.example.com/sidebar/?view=heatmap', buttons: [] })
    expect(t.card_type).toBe('text_notice')
    expect(t.card_action).toEqual({ type: 1, url: 'https://crm.example.com/sidebar/?view=heatmap' })
    expect(t).not.toHaveProperty('button_list')
    expect(() => toTemplateCard({ title: 't', taskId: 'x', buttons: [] })).toThrow(RangeError)
  })

  it.each([['too long', 'x'.repeat(129)], ['with a colon', 'a:b'], ['empty', '']])('refuses a task id %s', (_n, taskId) => {
    expect(() => toTemplateCard({ ...card, taskId })).toThrow(RangeError)
  })
})

describe('isTrustedUrl', () => {
  const trusted = ['crm.example.com', 'sidebar.example.com:8443']
  it.each([
    ['https://crm.example.com/sidebar?x=1', true],
    ['http://crm.example.com/', true],
    ['https://CRM.example.com/', true],
    ['https://sidebar.example.com:8443/p', true],
    ['https://sidebar.example.com/p', false],
    ['https://crm.example.com.evil.com/', false],
    ['https://evil.com/?crm.example.com', false],
    ['https://a:b@crm.example.com/', false],
    ['ftp://crm.example.com/', false],
    ['//crm.example.com/', false],
  ])('%s → %s', (url, expected) => {
    expect(isTrustedUrl(url, trusted)).toBe(expected)
  })
})
