/** How quotes write amounts and dates: the forms a generated quote picks from. */
import type { Rng } from './random.js'

const DIGIT = '零壹贰叁肆伍陆柒捌玖'
const UNIT = ['', '拾', '佰', '仟']

function fourDigits(n: number): string {
  let out = ''
  let zero = false
  for (let i = 3; i >= 0; i--) {
    const d = Math.floor(n / 10 ** i) % 10
    if (d === 0) { zero = out !== ''; continue }
    if (zero) { out += '零'; zero = false }
    out += DIGIT[d]! + UNIT[i]!
  }
  return out
}

/** 1347400.5 → 壹佰叁拾肆万柒仟肆佰元伍角 (standard 大写 as banks write it). */
export function toDaxie(fen: number): string {
  const yuan = Math.floor(fen / 100)
  const jiao = Math.floor(fen / 10) % 10
  const f = fen % 10
  const groups = [yuan % 10_000, Math.floor(yuan / 10_000) % 10_000, Math.floor(yuan / 100_000_000)]
  let out = ''
  for (let g = 2; g >= 0; g--) {
    const n = groups[g]!
    if (n === 0) { if (out !== '' && !out.endsWith('零')) out += '零'; continue }
    if (out !== '' && n < 1000 && !out.endsWith('零')) out += '零'
    out += fourDigits(n) + ['', '万', '亿'][g]!
  }
  out = out.replace(/零+$/, '') || '零'
  if (jiao === 0 && f === 0) return `${out}元整`
  return `${out}元${jiao === 0 ? '零' : `${DIGIT[jiao]}角`}${f === 0 ? '' : `${DIGIT[f]}分`}`
}

const grouped = (n: number): string => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')

/** 12850000 fen → "128,500.00" (or "128500.00" ungrouped). */
export function money(fen: number, group = true): string {
  const yuan = Math.floor(fen / 100)
  const cents = String(fen % 100).padStart(2, '0')
  return `${group ? grouped(yuan) : yuan}.${cents}`
}

export const AMOUNT_FORMATS = ['yen', 'yuan', 'rmb', 'wan', 'daxie'] as const
export type AmountFormat = (typeof AMOUNT_FORMATS)[number]

/** The total as digits in the chosen form; `wan` needs a total that is a whole number of hundreds of yuan. */
export function writeAmount(fen: number, format: AmountFormat, rng: Rng): string {
  const whole = fen % 100 === 0
  switch (format) {
    case 'wan': return `${(fen / 1_000_000).toFixed(4).replace(/0+$/, '').replace(/\.$/, '')}万元`
    case 'yuan': return rng.pick(whole ? [`${fen / 100}元`, `${grouped(fen / 100)}元`, `${money(fen)}元`] : [`${money(fen)}元`, `${money(fen, false)}元`])
    case 'rmb': return rng.pick([`RMB ${money(fen)}`, `人民币${money(fen)}元`, `RMB${money(fen)}`])
    default: return `${rng.pick(['¥', '￥'])}${money(fen, rng.chance(0.85))}`
  }
}

/** An amount that is not the total (unit price, line amount, tax), in one of the forms a table uses. */
export function writePlain(fen: number, rng: Rng, yen = rng.chance(0.5)): string {
  return `${yen ? rng.pick(['¥', '￥']) : ''}${money(fen)}`
}

export const pad2 = (n: number): string => String(n).padStart(2, '0')

export function isoDay(d: Date): string {
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`
}

export const DATE_FORMS = ['cn', 'cn0', 'iso', 'slash', 'dot'] as const
export type DateForm = (typeof DATE_FORMS)[number]

export function writeDate(iso: string, form: DateForm): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  switch (form) {
    case 'cn': return `${y}年${m}月${d}日`
    case 'cn0': return `${y}年${pad2(m)}月${pad2(d)}日`
    case 'iso': return iso
    case 'slash': return `${y}/${m}/${d}`
    default: return `${y}.${pad2(m)}.${pad2(d)}`
  }
}

export function addDays(iso: string, n: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  return isoDay(new Date(Date.UTC(y, m - 1, d + n)))
}

/** Months clamp to the target month's last day (1月31日 + 1个月 = 2月28日), as the parser counts them. */
export function addMonths(iso: string, n: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  const last = new Date(Date.UTC(y, m - 1 + n + 1, 0)).getUTCDate()
  return isoDay(new Date(Date.UTC(y, m - 1 + n, Math.min(d, last))))
}

const CN_SMALL = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九']
/** 30 → 三十, 15 → 十五, 90 → 九十, 7 → 七 (counts of days in a validity clause). */
export function chineseCount(n: number): string {
  if (n < 10) return CN_SMALL[n]!
  const tens = Math.floor(n / 10), ones = n % 10
  return `${tens === 1 ? '' : CN_SMALL[tens]}十${ones === 0 ? '' : CN_SMALL[ones]}`
}
