/** Top-to-bottom writing on a page: lines, wrapped paragraphs and labelled pairs, each also recorded as plain text. */
import type { QuoteDoc } from './content.js'
import type { Rng } from './random.js'
import { textWidth, wrap, type Font, type Page } from './svg.js'

export class Flow {
  constructor(readonly page: Page, public y: number, readonly left: number, readonly font: Font) {}

  get right(): number { return this.page.width - this.left }
  get mono(): boolean { return this.font.family.includes('Mono') }

  line(s: string, f: Partial<Font> = {}, x = this.left): number {
    const font = { ...this.font, ...f }
    this.y += font.size * 1.55
    const at = font.anchor === 'middle' ? this.page.width / 2 : font.anchor === 'end' ? this.right : x
    this.page.text(at, this.y, s, font)
    this.page.say(s)
    return this.y
  }

  paragraph(s: string, f: Partial<Font> = {}, indent = 0): void {
    const size = f.size ?? this.font.size
    for (const l of wrap(s, this.right - this.left - indent, size, this.mono)) this.line(l, f, this.left + indent)
  }

  /** Several cells on one baseline at the given x positions. */
  cells(xs: readonly number[], texts: readonly string[], f: Partial<Font> = {}): number {
    const font = { ...this.font, ...f }
    this.y += font.size * 1.7
    texts.forEach((t, i) => this.page.text(xs[i]!, this.y, t, font))
    this.page.say(...texts.filter(t => t !== ''))
    return this.y
  }

  gap(px: number): void { this.y += px }
  width(s: string, size = this.font.size): number { return textWidth(s, size, this.mono) }
}

/** Company name, English name, address with phone and fax, a rule: the top of most printed quotes. */
export function letterhead(flow: Flow, doc: QuoteDoc, rng: Rng): void {
  const colour = rng.pick(['#b22222', '#1f4e9c', '#222222', '#0b6e4f'])
  const centred = rng.chance(0.4)
  if (!centred) {
    flow.page.circle(flow.left + 34, flow.y + 40, 32, 'none', colour, 4)
    flow.page.text(flow.left + 34, flow.y + 52, doc.company.short.slice(0, 1), { family: flow.font.family, size: 30, fill: colour, anchor: 'middle' })
  }
  const x = centred ? flow.left : flow.left + 90
  const anchor = centred ? 'middle' as const : 'start' as const
  flow.line(doc.company.name, { size: Math.round(flow.font.size * 1.5), weight: 'bold', fill: colour, anchor }, x)
  if (rng.chance(0.7)) flow.line(doc.company.english, { size: Math.round(flow.font.size * 0.7), fill: '#666', anchor }, x)
  const address = `地址：${doc.company.city}市${rng.pick(['中环南路', '解放北路', '区府路', '文三路', '人民大道'])}${rng.int(8, 1888)}号\u3000电话：${doc.phone}${rng.chance(0.5) ? `\u3000传真：${doc.fax}` : ''}`
  flow.line(address, { size: Math.round(flow.font.size * 0.75), fill: '#444', anchor }, x)
  flow.gap(12)
  flow.page.line(flow.left, flow.y, flow.right, flow.y, colour, 2)
  flow.gap(10)
}

/** Bank, account and credit code: long digit runs that must never be read as the total. */
export function bankLine(doc: QuoteDoc): string {
  return `开户行：${doc.bank}${doc.company.city}分行\u3000账号：${doc.account}`
}

export function daxieLine(doc: QuoteDoc, rng: Rng): string | null {
  if (!doc.daxie || doc.amountFormat === 'daxie') return null
  return rng.pick([`大写：${doc.daxie}`, `合计金额（大写）：${doc.daxie}`, `金额大写：${doc.daxie}`])
}
