import { describe, expect, it } from 'vitest'
import { toActionCard } from './client.js'

describe('toActionCard', () => {
  const base = { title: '本周科室需求热力图', taskId: 'heatmap_1', fields: [{ label: '红灯客户', value: '2' }] }

  it('gives a card with buttons one link per button, each naming its key', () => {
    const m = toActionCard({ ...base, url: 'https://crm.example.com/p', buttons: [{ key: 'done', text: '已跟进' }] })
    expect(m).toMatchObject({ msgtype: 'action_card', action_card: { btn_json_list: [{ title: '已跟进' }] } })
    const url = new URL((m as { action_card: { btn_json_list: { action_url: string }[] } }).action_card.btn_json_list[0]!.action_url)
    expect([url.searchParams.get('action'), url.searchParams.get('task')]).toEqual(['done', 'heatmap_1'])
  })

  it('gives a card without buttons one link to its page, under its open label', () => {
    const m = toActionCard({ ...base, url: 'https://crm.example.com/sidebar/?view=heatmap', openLabel: '查看热力图', buttons: [] })
    expect(m).toEqual({ msgtype: 'action_card', action_card: { title: base.title, markdown: '### 本周科室需求热力图\n\n- 红灯客户：2',
      single_title: '查看热力图', single_url: 'https://crm.example.com/sidebar/?view=heatmap' } })
  })

  it('falls back to markdown when there is nowhere to link', () => {
    expect(toActionCard({ ...base, buttons: [] })).toMatchObject({ msgtype: 'markdown' })
  })
})
