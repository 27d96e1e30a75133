/** Printed quotes: an item table (报价单), a letter (报价函) and a one-product spec sheet. */
import { totalText, type QuoteDoc } from './content.js'
import { bankLine, daxieLine, Flow, letterhead } from './flow.js'
import type { Rng } from './random.js'
import { FAMILIES, Page, type Font } from './svg.js'
import { money, writePlain } from './text-forms.js'

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十']

function startPage(rng: Rng, width = rng.int(1050, 1300)): Flow {
  const family = rng.pick(FAMILIES)
  const font: Font = { family, size: rng.int(17, 24) }
  return new Flow(new Page(width, 4000), 30, rng.int(50, 80), font)
}

function finish(flow: Flow): Page {
  flow.page.height = flow.y + 60
  return flow.page
}

function signature(flow: Flow, doc: QuoteDoc, rng: Rng, dated: boolean): void {
  flow.gap(20)
  flow.line(doc.company.name, { anchor: 'end' })
  flow.line(`${rng.pick(['报价人', '销售代表', '联系人'])}：${doc.rep}\u3000手机：${doc.mobile}`, { anchor: 'end' })
  if (dated) flow.line(doc.quoteDateText, { anchor: 'end' })
}

function terms(flow: Flow, doc: QuoteDoc, rng: Rng): void {
  flow.gap(10)
  flow.line(rng.pick(['备注：', '说明：', '商务条款：']), { weight: 'bold' })
  const clauses = rng.shuffle([doc.validity.text, ...doc.terms])
  clauses.forEach((c, i) => flow.paragraph(`${i + 1}. ${c}；`, {}, 16))
}

export function tableQuote(doc: QuoteDoc, rng: Rng): Page {
  const flow = startPage(rng)
  letterhead(flow, doc, rng)
  flow.line(rng.pick(['报价单', '报 价 单', '产品报价单', '设备报价单']), { size: flow.font.size * 1.6, weight: 'bold', anchor: 'middle' })
  flow.gap(8)
  const mid = flow.page.width / 2
  const dateInHeader = rng.chance(0.75)
  const meta: [string, string][] = [[`客户名称：${doc.customer}`, `报价单号：${doc.quoteNo}`], [`联系人：${doc.contact}`, dateInHeader ? `报价日期：${doc.quoteDateText}` : `联系电话：${doc.mobile}`]]
  if (doc.enquiry) meta.unshift([`询价日期：${doc.enquiry}`, `项目：${doc.items[0]!.name}采购`])
  if (rng.chance(0.5)) meta.push([`订单号：${doc.orderNo}`, `电话：${doc.phone}`])
  for (const [a, b] of meta) flow.cells([flow.left, mid], [a, b])
  flow.gap(14)
  const modelHead = rng.pick(['型号', '规格型号', '产品型号'])
  const heads = ['序号', '产品名称', modelHead, '数量', '单位', rng.pick(['单价（元）', '单价']), rng.pick(['金额（元）', '小计', '金额'])]
  const span = flow.right - flow.left
  const ws = [0.07, 0.27, 0.22, 0.08, 0.07, 0.14, 0.15].map(w => w * span)
  const xs = ws.map((_, i) => flow.left + ws.slice(0, i).reduce((s, w) => s + w, 0))
  const rowH = flow.font.size * 2
  const grid = (texts: string[], bold = false): void => {
    flow.page.rect(flow.left, flow.y, span, rowH, 'none', '#222')
    xs.slice(1).forEach(x => flow.page.line(x, flow.y, x, flow.y + rowH, '#222'))
    texts.forEach((t, i) => flow.page.text(xs[i]! + 8, flow.y + rowH * 0.68, t, { ...flow.font, weight: bold ? 'bold' : 'normal' }))
    flow.page.say(...texts)
    flow.y += rowH
  }
  flow.gap(4)
  grid(heads, true)
  doc.items.forEach((it, i) => grid([String(i + 1), it.name, it.model, String(it.qty), it.unit, money(it.priceFen), money(it.lineFen)]))
  for (const l of doc.summary) {
    const last = l === doc.summary.at(-1)
    const value = last ? totalText(doc) : l.value
    flow.page.rect(flow.left, flow.y, span, rowH, 'none', '#222')
    const x = last && doc.amountFormat === 'daxie' ? flow.left + 8 : xs[5]!
    flow.page.text(x - (x === xs[5] ? flow.width(`${l.label}：`) + 16 : 0), flow.y + rowH * 0.68, `${l.label}：`, { ...flow.font, weight: 'bold' })
    flow.page.text(x === xs[5] ? x + 8 : x + flow.width(`${l.label}：`) + 8, flow.y + rowH * 0.68, value, { ...flow.font, weight: last ? 'bold' : 'normal' })
    flow.page.say(`${l.label}：`, value)
    if (last) flow.page.total = { x: x + 60, y: flow.y + rowH / 2 }
    flow.y += rowH
  }
  const dx = daxieLine(doc, rng)
  if (dx) flow.line(dx)
  terms(flow, doc, rng)
  if (rng.chance(0.5)) flow.line(bankLine(doc), { size: flow.font.size * 0.8 })
  signature(flow, doc, rng, !dateInHeader || rng.chance(0.4))
  return finish(flow)
}

export function letterQuote(doc: QuoteDoc, rng: Rng): Page {
  const flow = startPage(rng, rng.int(1000, 1200))
  letterhead(flow, doc, rng)
  flow.line(`编号：${doc.quoteNo}`, { anchor: 'end', size: flow.font.size * 0.85 })
  flow.line(rng.pick(['产品报价函', '报价函', '关于设备采购的报价函']), { size: flow.font.size * 1.5, weight: 'bold', anchor: 'middle' })
  flow.gap(10)
  flow.line(`致：${doc.customer}${doc.department}`)
  flow.line(`尊敬的${doc.contact}：`)
  const names = doc.items.map(i => `${i.model} ${i.name}`).join('、')
  flow.paragraph(`您好！感谢贵方长期以来对我公司的信任与支持。根据贵方的采购需求${doc.enquiry ? `（询价日期${doc.enquiry}）` : ''}，现就${names}的报价函告如下：`, {}, 32)
  let n = 0
  for (const it of doc.items) {
    flow.paragraph(`${NUMERALS[n++]}、产品型号：${it.model}，产品名称：${it.name}，数量：${it.qty}${it.unit}，单价：${writePlain(it.priceFen, rng, true)}，小计：${writePlain(it.lineFen, rng, true)}。`, {}, 32)
  }
  const pre = doc.summary.slice(0, -1).map(l => `${l.label}${l.value}`).join('，')
  const total = doc.summary.at(-1)!
  const y0 = flow.y
  flow.paragraph(`${NUMERALS[n++]}、${pre ? `${pre}，` : ''}${total.label === '合计' ? '报价总金额' : total.label}：${totalText(doc)}，含增值税专用发票。`, {}, 32)
  flow.page.total = { x: flow.left + 300, y: (y0 + flow.y) / 2 + 10 }
  const dx = daxieLine(doc, rng)
  if (dx) flow.paragraph(dx, {}, 32)
  for (const t of rng.shuffle([doc.validity.text, ...doc.terms])) flow.paragraph(`${NUMERALS[n++]}、${t}。`, {}, 32)
  flow.paragraph('特此函告，期待与贵方合作！', {}, 32)
  signature(flow, doc, rng, true)
  flow.line(bankLine(doc), { size: flow.font.size * 0.8 })
  return finish(flow)
}

export function specSheet(doc: QuoteDoc, rng: Rng): Page {
  const flow = startPage(rng, rng.int(900, 1100))
  const it = doc.items[0]!
  letterhead(flow, doc, rng)
  flow.line(rng.pick(['产品规格及报价', '产品技术参数与报价', '产品资料']), { size: flow.font.size * 1.4, weight: 'bold', anchor: 'middle' })
  flow.line(`No. ${doc.quoteNo}`, { anchor: 'middle', size: flow.font.size * 0.8 })
  flow.line(it.name, { size: flow.font.size * 1.3, weight: 'bold' })
  flow.line(`型号：${it.model}`)
  const key = flow.left + 10, value = flow.left + flow.width('注册证号码') + 60
  const pairs = (title: string, rows: [string, string][]): void => {
    flow.gap(6)
    flow.line(title, { weight: 'bold', fill: '#1f4e9c' })
    for (const [k, v] of rows) {
      flow.cells([key, value], [k, v])
      flow.page.line(flow.left, flow.y + 10, flow.right, flow.y + 10, '#ccc')
    }
  }
  pairs('基本信息', [['产品名称', it.name], ['型号', it.model], ['注册证号', doc.regNo], ['产地', `中国${doc.company.city}`]])
  pairs('技术参数', rng.shuffle<[string, string]>([['测试速度', `${rng.int(60, 800)}测试/小时`], ['样本量', `2~${rng.int(20, 50)}μL`], ['外形尺寸', `${rng.int(400, 900)}×${rng.int(400, 900)}×${rng.int(400, 1200)}mm`], ['整机重量', `约${rng.int(5, 90)}kg`], ['电源', 'AC 220V±22V，50Hz'], ['工作环境', `温度10℃~30℃，湿度≤85%`]]).slice(0, rng.int(3, 6)))
  const price: [string, string][] = [['单价', writePlain(it.priceFen, rng)], ['数量', `${it.qty}${it.unit}`], ...doc.summary.map(l => [l.label, l === doc.summary.at(-1) ? totalText(doc) : l.value] as [string, string])]
  const dated = rng.chance(0.8)
  pairs('报价信息', [...price, ['税率', '含13%增值税'], ...(dated ? [['报价日期', doc.quoteDateText] as [string, string]] : []), ['有效期', doc.validity.text.replace(/^(报价|本报价)?有效期[：为 ]?/, '')]])
  flow.page.total = { x: value + 80, y: flow.y - flow.font.size * (dated ? 3.4 : 1.7) - flow.font.size * 1.7 }
  const dx = daxieLine(doc, rng)
  if (dx) flow.line(dx)
  pairs('联系我们', [['销售', doc.rep], ['手机', doc.mobile], ['电话', doc.phone], ['邮箱', doc.email]])
  if (!dated) flow.line(doc.quoteDateText, { anchor: 'end' })
  return finish(flow)
}
