import type { SentMessage } from './wecom-fake-state.js'

// The demo's "what reps and managers would receive" page: every message the fake WeCom accepted, newest first.

const esc = (s: unknown): string =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)

type Card = {
  main_title?: { title?: string; desc?: string }
  horizontal_content_list?: { keyname?: string; value?: string }[]
  button_list?: { text?: string }[]
  card_action?: { url?: string }
}

function renderBody(m: SentMessage): string {
  const payload = m.body[m.msgtype] as Record<string, unknown> | undefined
  if (m.msgtype === 'text' || m.msgtype === 'markdown') return `<pre>${esc(payload?.content)}</pre>`
  if (m.msgtype === 'template_card') {
    const c = (payload ?? {}) as Card
    const rows = (c.horizontal_content_list ?? []).map((r) => `<tr><th>${esc(r.keyname)}</th><td>${esc(r.value)}</td></tr>`).join('')
    const buttons = (c.button_list ?? []).map((b) => `<button disabled>${esc(b.text)}</button>`).join(' ')
    const link = c.card_action?.url ? `<div class="link">${esc(c.card_action.url)}</div>` : ''
    return `<div class="card"><b>${esc(c.main_title?.title)}</b><div class="desc">${esc(c.main_title?.desc)}</div><table>${rows}</table>${link}<div>${buttons}</div></div>`
  }
  return `<pre>${esc(JSON.stringify(payload, null, 2))}</pre>`
}

export function renderSentMessagesHtml(sent: readonly SentMessage[], title = '企业微信消息（模拟） · WeCom messages (fake)'): string {
  const items = [...sent].reverse().map((m) =>
    `<li class="${m.duplicate ? 'dup' : ''}"><header><time>${esc(m.at.toISOString())}</time> → <b>${esc(m.touser.join(', '))}</b>` +
    ` <span class="type">${esc(m.msgtype)}</span>${m.duplicate ? ' <em>重复，未投递 · duplicate, not delivered</em>' : ''}</header>${renderBody(m)}</li>`).join('\n')
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font:14px system-ui,"Noto Sans CJK SC",sans-serif;margin:2rem;max-width:48rem}li{list-style:none;border:1px solid #ddd;border-radius:8px;padding:.75rem;margin:.5rem 0}
.dup{opacity:.5}.type{color:#888}.card table{margin:.5rem 0}.card th{text-align:left;color:#666;padding-right:1rem}.desc,.link{color:#666}pre{white-space:pre-wrap;margin:.5rem 0}</style></head>
<body><h1>${esc(title)}</h1><p>${sent.length} 条 · messages</p><ul>${items || '<li>暂无消息 · nothing sent yet</li>'}</ul></body></html>`
}
