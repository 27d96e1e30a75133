/** Screenshots: a chat with the quote in bubbles, a spreadsheet grid, and a webmail message. */
import { timeOfDay, totalText, type QuoteDoc } from './content.js'
import { daxieLine, Flow } from './flow.js'
import type { Rng } from './random.js'
import { FAMILIES, Page, wrap, type Font } from './svg.js'
import { money, pad2, writeDate, writePlain } from './text-forms.js'

const SANS = 'Noto Sans CJK SC'

export function chatScreenshot(doc: QuoteDoc, rng: Rng): Page {
  const width = rng.int(720, 1080)
  const size = Math.round(width / rng.range(22, 28))
  const page = new Page(width, 6000, rng.pick(['#ededed', '#f5f5f5', '#e9eef3']))
  const font: Font = { family: SANS, size }
  page.text(40, size * 1.5, `${rng.int(8, 22)}:${pad2(rng.int(0, 59))}`, { ...font, weight: 'bold' })
  page.text(width - 40, size * 1.5, `${rng.int(20, 99)}%`, { ...font, anchor: 'end', size: size * 0.8 })
  page.rect(0, size * 2.4, width, size * 2.6, '#f7f7f7')
  page.text(width / 2, size * 4.1, `${doc.contact}（${doc.customer.slice(0, 6)}）`, { ...font, weight: 'bold', anchor: 'middle' })
  page.say(`${doc.contact}（${doc.customer.slice(0, 6)}）`)
  let y = size * 6.5
  const dated = rng.chance(0.6)
  const stamp = `${writeDate(doc.quoteDate, rng.pick(['cn', 'iso']))} ${timeOfDay(rng)}`
  page.text(width / 2, y, stamp, { ...font, size: size * 0.75, fill: '#999', anchor: 'middle' })
  page.say(stamp)
  y += size
  const bubble = (texts: string[], mine: boolean): void => {
    const maxW = width * 0.68
    const lines = texts.flatMap(t => wrap(t, maxW - size * 1.2, size))
    const w = Math.min(maxW, Math.max(...lines.map(l => new Flow(page, 0, 0, font).width(l))) + size * 1.4)
    const h = lines.length * size * 1.55 + size * 0.9
    const avatar = mine ? width - size * 2.6 : size * 0.6
    page.rect(avatar, y, size * 2, size * 2, mine ? '#3b82f6' : '#c2185b', 'none', 6)
    const x = mine ? width - size * 3.2 - w : size * 3.2
    page.rect(x, y, w, h, mine ? '#95ec69' : '#ffffff', 'none', 8)
    lines.forEach((l, i) => {
      page.text(x + size * 0.7, y + size * 0.45 + (i + 1) * size * 1.55 - size * 0.4, l, font)
      page.say(l)
      if (/合计|总计|总价|总额|价税/.test(l) && !page.total) page.total = { x: x + w / 2, y: y + (i + 0.5) * size * 1.55 }
    })
    y += h + size * 0.9
  }
  bubble([rng.pick(['上次说的那几个产品，价格整理一下发我吧', '麻烦把报价发我一下', '价格出来了吗？'])], false)
  bubble([rng.pick(['好的领导', '好的，马上发您', '收到'])], true)
  const quote = [`【报价】${doc.customer}`]
  for (const it of doc.items) quote.push(`型号：${it.model}`, `名称：${it.name}`, `数量：${it.qty}${it.unit}\u3000单价：${writePlain(it.priceFen, rng, false)}元`)
  for (const l of doc.summary) quote.push(`${l.label}：${l === doc.summary.at(-1) ? totalText(doc) : l.value}${l === doc.summary.at(-1) && rng.chance(0.4) ? '（含税含运费）' : ''}`)
  const dx = daxieLine(doc, rng)
  if (dx) quote.push(dx)
  if (dated) quote.push(`报价日期：${doc.quoteDateText}`)
  quote.push(doc.validity.text, ...doc.terms.slice(0, 1), `——${doc.company.short}医疗 ${doc.rep} ${doc.mobile.replace(/ /g, '')}`)
  if (rng.chance(0.4)) { const cut = rng.int(2, quote.length - 2); bubble(quote.slice(0, cut), true); bubble(quote.slice(cut), true) } else bubble(quote, true)
  bubble([rng.pick(['行，我跟领导汇报一下', '收到，谢谢', '好的'])], false)
  page.height = y + size * 3
  return page
}

export function spreadsheet(doc: QuoteDoc, rng: Rng): Page {
  const cols = ['序号', '产品名称', rng.pick(['型号', '规格型号']), '数量', '单位', '单价', '金额']
  const ws = [60, 260, 200, 70, 60, 130, 150].map(w => w * rng.range(0.95, 1.15))
  const size = rng.int(15, 19)
  const font: Font = { family: rng.pick([SANS, 'Noto Sans Mono CJK SC']), size }
  const rowH = size * 1.75, left = 46
  const width = Math.ceil(left + ws.reduce((s, w) => s + w, 0) + 20)
  const page = new Page(width, 4000)
  page.rect(0, 0, width, 70, '#217346')
  page.text(16, 26, '文件\u3000开始\u3000插入\u3000页面布局\u3000公式\u3000数据\u3000审阅\u3000视图', { ...font, fill: '#fff', size: 14 })
  page.rect(0, 70, width, 30, '#f3f3f3', '#ccc')
  page.text(16, 91, 'fx', { ...font, fill: '#555', size: 14 })
  const xs = ws.map((_, i) => left + ws.slice(0, i).reduce((s, w) => s + w, 0))
  let y = 100
  page.rect(0, y, width, 22, '#efefef', '#ccc')
  xs.forEach((x, i) => page.text(x + ws[i]! / 2, y + 16, String.fromCharCode(65 + i), { ...font, size: 13, fill: '#555', anchor: 'middle' }))
  y += 22
  let r = 1
  const row = (cells: string[], bold = false): void => {
    page.rect(0, y, left, rowH, '#efefef', '#ccc')
    page.text(left / 2, y + rowH * 0.7, String(r++), { ...font, size: 13, fill: '#555', anchor: 'middle' })
    xs.forEach((x, i) => page.rect(x, y, ws[i]!, rowH, 'none', '#d4d4d4'))
    cells.forEach((c, i) => { if (c) page.text(xs[i]! + 5, y + rowH * 0.7, c, { ...font, weight: bold ? 'bold' : 'normal' }) })
    if (cells.some(c => c)) page.say(...cells.filter(c => c))
    y += rowH
  }
  row([`${doc.company.name}报价单`], true)
  row([`客户：${doc.customer}`, '', '', '', '', `报价日期：${doc.quoteDateText}`])
  row([`联系人：${doc.rep} ${doc.mobile}`])
  row(cols, true)
  doc.items.forEach((it, i) => row([String(i + 1), it.name, it.model, String(it.qty), it.unit, money(it.priceFen), money(it.lineFen)]))
  for (const l of doc.summary) {
    const last = l === doc.summary.at(-1)
    if (last) page.total = { x: xs[6]! + 60, y: y + rowH / 2 }
    row(last && doc.amountFormat === 'daxie' ? [`${l.label}：${totalText(doc)}`] : ['', l.label, '', '', '', '', last ? totalText(doc) : l.value], last)
  }
  const dx = daxieLine(doc, rng)
  if (dx) row([dx])
  for (const t of [doc.validity.text, ...doc.terms]) row([t])
  row([]); row([])
  page.rect(0, y, width, 28, '#f3f3f3', '#ccc')
  page.text(16, y + 19, 'Sheet1\u3000\u3000Sheet2\u3000\u3000+', { ...font, size: 13, fill: '#217346' })
  page.height = y + 28
  return page
}

export function webmail(doc: QuoteDoc, rng: Rng): Page {
  const font: Font = { family: rng.pick(FAMILIES.slice(0, 2)), size: rng.int(16, 20) }
  const page = new Page(rng.int(1100, 1300), 4000, '#ffffff')
  page.rect(0, 0, page.width, 56, '#2d5fa8')
  page.text(20, 36, '企业邮箱\u3000收件箱(12)\u3000写信\u3000通讯录', { ...font, fill: '#fff' })
  page.rect(0, 56, 220, 4000, '#f2f4f7')
  ;['收件箱', '星标邮件', '已发送', '草稿箱', '垃圾箱'].forEach((t, i) => page.text(30, 100 + i * 40, t, { ...font, fill: '#333' }))
  const flow = new Flow(page, 70, 250, font)
  flow.line(`关于${doc.items[0]!.name}的报价`, { size: font.size * 1.35, weight: 'bold' })
  flow.line(`发件人：${doc.rep} <${doc.email}>`, { fill: '#555' })
  flow.line(`收件人：${doc.contact} <buyer@example.org>`, { fill: '#555' })
  flow.line(`时\u3000间：${writeDate(doc.quoteDate, rng.pick(['cn', 'iso']))} ${rng.int(8, 19)}:${pad2(rng.int(0, 59))}`, { fill: '#555' })
  flow.gap(10); page.line(250, flow.y, page.width - 30, flow.y, '#ddd'); flow.gap(10)
  flow.line(`${doc.contact}您好：`)
  flow.paragraph(`根据贵院需求，现将报价发送如下，请查收：`, {}, 0)
  const xs = [260, 300, 560, 790, 890, 1040].map(x => x * (page.width - 30) / 1240)
  flow.cells(xs, ['序号', '名称', '型号', '数量', '单价', '金额'], { weight: 'bold' })
  doc.items.forEach((it, i) => flow.cells(xs, [String(i + 1), it.name.slice(0, 12), it.model, `${it.qty}${it.unit}`, money(it.priceFen), money(it.lineFen)]))
  for (const l of doc.summary) {
    const last = l === doc.summary.at(-1)
    const y = flow.line(`${l.label}：${last ? totalText(doc) : l.value}`, { weight: last ? 'bold' : 'normal' })
    if (last) page.total = { x: 400, y: y - 8 }
  }
  const dx = daxieLine(doc, rng)
  if (dx) flow.line(dx)
  for (const t of [doc.validity.text, ...doc.terms]) flow.line(t)
  if (rng.chance(0.5)) flow.line(`报价日期：${doc.quoteDateText}`)
  flow.gap(12)
  flow.line('此致 敬礼！')
  flow.line(`${doc.rep}\u3000${doc.company.name}`)
  flow.line(`手机：${doc.mobile}\u3000电话：${doc.phone}`)
  page.height = flow.y + 40
  return page
}
