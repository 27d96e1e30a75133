import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseQuote } from './parse-quote.js'

const DIGIT = '零壹贰叁肆伍陆柒捌玖'

/** 0 < n < 10,000 as one section of an uppercase amount: 3005 → 叁仟零伍, 1010 → 壹仟零壹拾. */
function section(n: number): string {
  const units = ['仟', '佰', '拾', '']
  const digits = String(n).padStart(4, '0').split('').map(Number)
  let out = '', zero = false
  digits.forEach((d, i) => {
    if (d === 0) { zero = out !== ''; return }
    out += (zero ? '零' : '') + DIGIT[d] + units[i]
    zero = false
  })
  return out
}

/** An amount in fen written out the way banks and invoices print it (人民币壹拾贰万叁仟肆佰伍拾陆元柒角捌分, …元整). */
export function uppercaseAmount(fen: number): string {
  const yuan = Math.floor(fen / 100), jiao = Math.floor(fen / 10) % 10, cents = fen % 10
  const groups: number[] = []
  for (let n = yuan; n > 0; n = Math.floor(n / 10_000)) groups.push(n % 10_000)
  let out = ''
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]!
    if (g === 0) continue
    if (out !== '' && (g < 1000 || groups[i + 1] === 0)) out += '零'
    out += section(g) + ['', '万', '亿'][i]
  }
  out += '元'
  if (jiao === 0 && cents === 0) return `${out}整`
  return out + (jiao > 0 ? `${DIGIT[jiao]}角` : '零') + (cents > 0 ? `${DIGIT[cents]}分` : '')
}

const grouped = (yuan: number): string => String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
const fenDigits = (fen: number): string => String(fen % 100).padStart(2, '0')

/** The usual ways a total is printed in digits. */
const FORMATS: readonly ((fen: number) => string)[] = [
  f => `¥${grouped(Math.floor(f / 100))}.${fenDigits(f)}`,
  f => `￥${grouped(Math.floor(f / 100))}.${fenDigits(f)}`,
  f => `${Math.floor(f / 100)}.${fenDigits(f)}元`,
  f => `RMB ${grouped(Math.floor(f / 100))}.${fenDigits(f)}`,
  f => `人民币${grouped(Math.floor(f / 100))}.${fenDigits(f)}元`,
  f => `¥ ${grouped(Math.floor(f / 100))}.${fenDigits(f)}`,
]
const LABELS = ['合计', '总计', '总价', '报价总金额', '价税合计', 'Total']

const fen = fc.integer({ min: 100, max: 99_999_999_999 })

describe('amounts in any common format parse back to the fen', () => {
  it('digits, with or without thousands commas, currency before or 元 after, any total label', () => {
    fc.assert(fc.property(fen, fc.constantFrom(...FORMATS), fc.constantFrom(...LABELS), (f, format, label) => {
      const text = `报价单\n单价: ¥1.00\n${label}: ${format(f)}\n报价日期: 2026-05-01`
      expect(parseQuote({ text }).amount).toBe(f / 100)
    }), { numRuns: 300 })
  })

  it('a whole amount in 万元 is exact', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 9_999_999 }), n => {
      const yuan = n * 100
      const wan = String(yuan / 10_000)
      expect(parseQuote({ text: `总价: ${wan}万元 (含税)` }).amount).toBe(yuan)
    }), { numRuns: 200 })
  })

  it('uppercase 大写 round-trips, alone and beside the digits it confirms', () => {
    fc.assert(fc.property(fen, f => {
      const alone = parseQuote({ text: `报价总金额: 人民币${uppercaseAmount(f)}` })
      expect(alone.amount).toBe(f / 100)
      const both = parseQuote({ text: `合计金额 (大写): 人民币${uppercaseAmount(f)} (小写): ¥${grouped(Math.floor(f / 100))}.${fenDigits(f)}` })
      expect(both.amount).toBe(f / 100)
      expect(both.flags).not.toContain('amount_uppercase_mismatch')
    }), { numRuns: 300 })
  })

  it('the uppercase writer itself prints the forms invoices use', () => {
    expect(uppercaseAmount(4_749_000)).toBe('肆万柒仟肆佰玖拾元整')
    expect(uppercaseAmount(1_000_500)).toBe('壹万零伍元整')
    expect(uppercaseAmount(12_345_678)).toBe('壹拾贰万叁仟肆佰伍拾陆元柒角捌分')
    expect(uppercaseAmount(100_000_000_001)).toBe('壹拾亿元零壹分')
  })
})
