import { renderMessage, type ErrorCode } from '../../core/errors.js'

// The small page a DingTalk card button opens: what was done, in Chinese first and English, mobile width.

const DONE: Record<string, { zh: string; en: string }> = {
  followed: { zh: '已跟进，已记入跟进记录', en: 'Followed up — recorded' },
  snooze: { zh: '已延期1天，下次提醒顺延一个工作日', en: 'Snoozed — the next reminder moves one working day later' },
  view: { zh: '最近记录已发到你的工作通知', en: 'The recent records are on their way to your work notifications' },
  quote: { zh: '已提交识别', en: 'Sent for reading' },
}
const AGAIN = { zh: '这个按钮已经点过，操作只执行一次', en: 'This button was already used; the action runs once' }

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function page(title: { zh: string; en: string }, note?: { zh: string; en: string }): string {
  const lines = [title, ...(note ? [note] : [])].map((l) => `<p lang="zh">${escapeHtml(l.zh)}</p><p lang="en" class="en">${escapeHtml(l.en)}</p>`)
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>Salespath</title><style>body{font:17px/1.5 -apple-system,"PingFang SC",sans-serif;margin:2rem 1.25rem;color:#1f2329}` +
    `.en{color:#646a73;font-size:15px;margin-top:-.6rem}</style></head><body>${lines.join('')}</body></html>`
}

/** The result of a tap on the button with this key (`followed_<run>`, `snooze_<run>`, `quote_…`); `again` for a repeat tap. */
export function cardResultPage(key: string, again: boolean): string {
  const done = DONE[key.split('_')[0] ?? ''] ?? { zh: '已收到', en: 'Received' }
  return page(done, again ? AGAIN : undefined)
}

export const cardErrorPage = (code: ErrorCode): string => page(renderMessage(code))
