import type { Card } from '../channel.js'

// Card → WeCom template_card of type button_interaction (WC/90236 模板卡片消息). WeCom caps the lists at 6
// rows and 6 buttons and task_id at 128 bytes; longer content is cut here rather than refused by the API.

const STYLE = { primary: 1, secondary: 2, danger: 3 } as const

export type TemplateCard = {
  card_type: 'button_interaction' | 'text_notice'
  source: { desc: string }
  main_title: { title: string; desc?: string }
  horizontal_content_list: { keyname: string; value: string }[]
  card_action?: { type: 1; url: string }
  task_id: string
  button_list?: { text: string; style: number; key: string }[]
}

export function toTemplateCard(card: Card, source = 'Salespath'): TemplateCard {
  if (Buffer.byteLength(card.taskId) > 128 || !/^[\w@-]+$/.test(card.taskId)) {
    throw new RangeError('taskId must be ≤128 bytes of letters, digits, _ - @ (WeCom task_id rule)')
  }
  // A card without actions is a notice whose body opens the page (text_notice needs card_action, WC/90236).
  const notice = card.buttons.length === 0
  if (notice && !card.url) throw new RangeError('a card without buttons needs a url to open')
  return {
    card_type: notice ? 'text_notice' : 'button_interaction',
    source: { desc: source },
    main_title: { title: card.title, ...(card.description ? { desc: card.description } : {}) },
    horizontal_content_list: (card.fields ?? []).slice(0, 6).map((f) => ({ keyname: f.label, value: f.value })),
    ...(card.url ? { card_action: { type: 1 as const, url: card.url } } : {}),
    task_id: card.taskId,
    ...(notice ? {} : { button_list: card.buttons.slice(0, 6).map((b) => ({ text: b.text, style: STYLE[b.style ?? 'primary'], key: b.key })) }),
  }
}
