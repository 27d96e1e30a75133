/** What a generated quote says, before any layout: items, totals with their distractors, dates and validity. */
import type { Rng } from './random.js'
import { addDays, addMonths, chineseCount, isoDay, money, pad2, toDaxie, writeAmount, writeDate, writePlain, type AmountFormat, type DateForm } from './text-forms.js'
import { BRANDS, company, customer, department, MODEL_SHAPES, modelCode, person, products, surname, TITLES, type Company } from './vocabulary.js'

export type Item = { name: string; model: string; code: string; qty: number; unit: string; priceFen: number; lineFen: number }
export type AmountLine = { label: string; value: string }
export type ValidityKind = 'until_cn' | 'iso' | 'slash' | 'dot' | 'days' | 'from_date' | 'months'

export type QuoteDoc = {
  company: Company; customer: string; department: string; contact: string; rep: string
  mobile: string; phone: string; fax: string; account: string; bank: string; orderNo: string; quoteNo: string; regNo: string; email: string
  items: Item[]
  /** Amount lines below the items, the total last. */
  summary: AmountLine[]
  totalFen: number; amountFormat: AmountFormat
  /** An uppercase (大写) line beside the total, when the quote has one. */
  daxie: string | null
  quoteDate: string; dateForm: DateForm; quoteDateText: string
  validity: { kind: ValidityKind; days?: number; months?: number; text: string }
  validUntil: string
  /** Clauses with dates and periods that are not the validity: delivery, payment, warranty, the enquiry date. */
  terms: string[]
  enquiry: string | null
}

const FINAL_LABELS = ['合计', '总计', '总价', '价税合计', '报价总额', '合同总价', '合计金额', '总金额', '报价合计', '含税总价', '总报价', '报价总金额', '合计（含税）', '总计(含税)', '合计人民币']
const ACCOUNTS = ['中国工商银行', '中国建设银行', '招商银行', '浙商银行', '中国银行', '交通银行']

const digitsOf = (rng: Rng, n: number): string => Array.from({ length: n }, () => rng.int(0, 9)).join('')
const mobile = (rng: Rng): string => { const m = `1${rng.pick(['33', '38', '39', '58', '77', '86', '89'])}${digitsOf(rng, 8)}`; return rng.chance(0.5) ? m : `${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}` }

function quoteDate(rng: Rng): string {
  return isoDay(new Date(Date.UTC(2026, 0, 1 + rng.int(0, 540))))
}

function validity(rng: Rng, day: string): { v: QuoteDoc['validity']; until: string } {
  const kind = rng.pick<ValidityKind>(['until_cn', 'iso', 'slash', 'dot', 'days', 'days', 'from_date', 'months'])
  if (kind === 'days' || kind === 'from_date') {
    const n = rng.pick([7, 10, 15, 20, 30, 30, 45, 60, 90])
    const text = kind === 'days'
      ? rng.pick([`报价有效期${n}天`, `有效期：${n}天`, `本报价有效期为${chineseCount(n)}天`, `报价有效期：${n}日`, `有效期 ${n}天`])
      : rng.pick([`自报价之日起${n}日内有效`, `本报价自报价之日起${n}天内有效`, `有效期：自报价之日起${n}日内`])
    return { v: { kind, days: n, text }, until: addDays(day, n) }
  }
  if (kind === 'months') {
    const n = rng.pick([1, 1, 2, 3, 6])
    return { v: { kind, months: n, text: rng.pick([`有效期：${chineseCount(n)}个月`, `报价有效期${n}个月`, `本报价有效期${chineseCount(n)}个月`]) }, until: addMonths(day, n) }
  }
  const until = addDays(day, rng.pick([14, 30, 31, 45, 60, 90, 120]))
  const form: DateForm = kind === 'until_cn' ? rng.pick(['cn', 'cn0']) : kind
  const d = writeDate(until, form)
  return { v: { kind, text: rng.pick([`有效期至${d}`, `报价有效期至：${d}`, `本报价有效期至${d}止`, `报价有效截止日期：${d}`, `有效期：${d}`]) }, until }
}

function items(rng: Rng, wan: boolean): Item[] {
  const brand = rng.chance(0.25)
  return products(rng, rng.pick([1, 1, 2, 2, 3, 4])).map(p => {
    const code = modelCode(rng, rng.pick(MODEL_SHAPES))
    const yuan = rng.int(p.minYuan, p.maxYuan)
    const priceFen = wan || yuan > 5000 || rng.chance(0.5) ? Math.round(yuan / 100) * 10_000 : yuan * 100 + (rng.chance(0.3) ? rng.int(1, 99) : 0)
    const qty = p.maxYuan < 5000 ? rng.int(5, 400) : rng.int(1, 4)
    return { name: p.name, code, model: brand && rng.chance(0.6) ? `${rng.pick(BRANDS)} ${code}` : code, qty, unit: p.unit, priceFen, lineFen: priceFen * qty }
  })
}

/** The total with what is printed around it: a subtotal and discount, a net/tax split, or freight. */
function summary(rng: Rng, lines: Item[], format: AmountFormat): { lines: AmountLine[]; totalFen: number } {
  const sum = lines.reduce((s, i) => s + i.lineFen, 0)
  const label = rng.pick(FINAL_LABELS)
  const scene = rng.pick(['plain', 'plain', 'discount', 'tax', 'freight'])
  const total = (fen: number, l = label): AmountLine => ({ label: l, value: writeAmount(fen, format, rng) })
  if (scene === 'discount' && sum > 1_000_000) {
    const off = Math.round(sum * rng.range(0.02, 0.08) / 10_000) * 10_000
    return { lines: [{ label: rng.pick(['小计', '原价合计']), value: writePlain(sum, rng) }, { label: rng.pick(['优惠', '优惠金额', '折扣']), value: `-${writePlain(off, rng)}` }, total(sum - off, rng.pick(['优惠后总价', '合计', '成交价', '折后总价']))], totalFen: sum - off }
  }
  if (scene === 'tax') {
    const net = Math.round(sum / 1.13)
    return { lines: [{ label: rng.pick(['不含税合计', '不含税金额']), value: writePlain(net, rng) }, { label: rng.pick(['税额', '增值税额(13%)', '税金']), value: writePlain(sum - net, rng) }, total(sum, '价税合计')], totalFen: sum }
  }
  if (scene === 'freight') {
    const freight = rng.pick([20_000, 50_000, 80_000, 150_000])
    return { lines: [{ label: '小计', value: writePlain(sum, rng) }, { label: '运费', value: writePlain(freight, rng) }, total(sum + freight)], totalFen: sum + freight }
  }
  return { lines: [total(sum)], totalFen: sum }
}

export function createQuoteDoc(rng: Rng): QuoteDoc {
  const format = rng.pick<AmountFormat>(['yen', 'yen', 'yuan', 'rmb', 'wan', 'daxie'])
  const its = items(rng, format === 'wan')
  const s = summary(rng, its, format)
  const day = quoteDate(rng)
  const dateForm = rng.pick<DateForm>(['cn', 'cn0', 'iso', 'slash', 'dot'])
  const v = validity(rng, day)
  const ymd = day.replace(/-/g, '')
  const terms = rng.shuffle([
    rng.pick(['交货期：合同签订后30日内安装调试完毕', `交货日期：${writeDate(addDays(day, rng.int(10, 40)), rng.pick(['cn', 'iso', 'slash']))}`, '交货期：款到后7个工作日内发货', '交货期：现货，下单后3日内送达']),
    rng.pick(['付款方式：月结30天', '付款方式：货到验收合格后30日内付清', '付款方式：预付30%，到货付清']),
    rng.pick(['质保期：12个月', '质保：整机保修2年', '以上价格含13%增值税及运费', '质保期18个月，终身维护']),
  ]).slice(0, rng.int(1, 3))
  return {
    company: company(rng), customer: customer(rng), department: department(rng), contact: `${surname(rng)}${rng.pick(TITLES)}`, rep: person(rng),
    mobile: mobile(rng), phone: `0${rng.int(510, 599)}-${digitsOf(rng, 8)}`, fax: `0${rng.int(510, 599)}-${digitsOf(rng, 8)}`,
    account: `${rng.int(3, 6)}${digitsOf(rng, 3)} ${digitsOf(rng, 4)} ${digitsOf(rng, 4)} ${digitsOf(rng, 4)} ${digitsOf(rng, 3)}`, bank: rng.pick(ACCOUNTS),
    orderNo: `SO${ymd.slice(0, 6)}${digitsOf(rng, 5)}`, quoteNo: rng.pick([`QT${ymd}-${digitsOf(rng, 3)}`, `BJ${ymd.slice(2)}${digitsOf(rng, 2)}`, `No.${digitsOf(rng, 8)}`]),
    regNo: `浙械注准20${rng.int(15, 24)}${digitsOf(rng, 8)}`, email: `sales${rng.int(1, 99)}@example.cn`,
    items: its, summary: s.lines, totalFen: s.totalFen, amountFormat: format,
    daxie: format === 'daxie' || rng.chance(0.25) ? `人民币${toDaxie(s.totalFen)}` : null,
    quoteDate: day, dateForm, quoteDateText: writeDate(day, dateForm), validity: v.v, validUntil: v.until, terms,
    enquiry: rng.chance(0.2) ? writeDate(addDays(day, -rng.int(2, 12)), dateForm) : null,
  }
}

/** The total line as printed: in daxie format the uppercase form comes first with the digits in brackets. */
export function totalText(doc: QuoteDoc): string {
  const t = doc.summary.at(-1)!
  return doc.amountFormat === 'daxie' && doc.daxie ? `${doc.daxie}（¥${money(doc.totalFen)}）` : t.value
}

export const timeOfDay = (rng: Rng): string => `${rng.pick(['上午', '下午', ''])}${rng.int(1, 11)}:${pad2(rng.int(0, 59))}`
