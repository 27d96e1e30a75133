const DIGITS: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 壹: 1, 一: 1, 贰: 2, 貳: 2, 二: 2, 两: 2, 叁: 3, 參: 3, 三: 3, 肆: 4, 四: 4,
  伍: 5, 五: 5, 陆: 6, 陸: 6, 六: 6, 柒: 7, 七: 7, 捌: 8, 八: 8, 玖: 9, 九: 9,
}
const SMALL_UNITS: Readonly<Record<string, number>> = { 拾: 10, 十: 10, 佰: 100, 百: 100, 仟: 1000, 千: 1000 }
const BIG_UNITS: Readonly<Record<string, number>> = { 万: 10_000, 萬: 10_000, 亿: 100_000_000, 億: 100_000_000 }

/** Characters that may appear in an amount written out in Chinese (大写金额). */
export const CHINESE_AMOUNT_CHARS = '零〇壹一贰貳二两叁參三肆四伍五陆陸六柒七捌八玖九拾十佰百仟千万萬亿億元圆圓角分整正'

/**
 * Parses an integer written with Chinese numerals ("壹佰叁拾肆万柒仟肆佰", "六十", "十五"); null when the
 * characters do not form a well-formed number (two digits in a row, a unit twice, an unknown character).
 */
export function parseChineseInteger(s: string): number | null {
  if (s.length === 0) return null
  let total = 0
  let section = 0
  let digit: number | null = null
  let lastSmall = Infinity
  for (const ch of s) {
    const d = DIGITS[ch]
    const small = SMALL_UNITS[ch]
    const big = BIG_UNITS[ch]
    if (d !== undefined) {
      if (digit !== null && digit !== 0 && d !== 0) return null
      digit = d
    } else if (small !== undefined) {
      if (small >= lastSmall) return null
      section += (digit ?? 1) * small
      lastSmall = small
      digit = null
    } else if (big !== undefined) {
      const part = section + (digit ?? 0)
      if (part === 0 && total === 0) return null
      total = big > 10_000 ? (total + part) * big : total + part * big
      section = 0
      digit = null
      lastSmall = Infinity
    } else return null
  }
  return total + section + (digit ?? 0)
}

/**
 * Parses an amount in uppercase Chinese (人民币肆万柒仟肆佰玖拾元整, 壹佰元伍角陆分) into fen (1/100 yuan),
 * so that callers compare amounts exactly. Null when it is not a well-formed amount.
 */
export function parseChineseAmountFen(input: string): number | null {
  const s = input.replace(/^(人民币|RMB)/, '').replace(/[整正]$/, '')
  const m = /^([^元圆圓]*)[元圆圓]([^角分]*角)?([^分]*分)?$/.exec(s) ?? /^()([^角分]*角)?([^分]*分)?$/.exec(s)
  if (!m || s.length === 0) return null
  const [, yuanPart = '', jiaoPart, fenPart] = m
  const integer = yuanPart.replace(/^零+/, '')
  const yuan = integer === '' ? 0 : parseChineseInteger(integer)
  const jiao = jiaoPart ? DIGITS[jiaoPart.replace(/^零/, '').slice(0, -1)] : 0
  const fen = fenPart ? DIGITS[fenPart.replace(/^零/, '').slice(0, -1)] : 0
  if (yuan === null || jiao === undefined || fen === undefined) return null
  if (yuanPart === '' && !jiaoPart && !fenPart) return null
  return yuan * 100 + jiao * 10 + fen
}
