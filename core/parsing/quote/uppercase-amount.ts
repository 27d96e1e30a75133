import { CHINESE_AMOUNT_CHARS, parseChineseAmountFen } from '../chinese-numerals.js'
import type { Row } from './rows.js'

const DAXIE = new RegExp(`[${CHINESE_AMOUNT_CHARS}]{3,}`, 'g')

/** Characters tesseract commonly reads instead of an uppercase numeral (吉佰参抬肆万染什 for 壹佰叁拾肆万柒仟). */
const DAXIE_LOOKALIKES: Readonly<Record<string, string>> = {
  吉: '壹', 喜: '壹', 壶: '壹', 过: '壹', 参: '叁', 叄: '叁', 律: '肆', 津: '肆', 隆: '陆', 染: '柒', 涂: '柒', 渠: '柒',
  挪: '捌', 别: '捌', 玫: '玖', 政: '玖', 抬: '拾', 恰: '拾', 伯: '佰', 任: '仟', 什: '仟', 仔: '仟', 阡: '仟',
}
const TRUE_DAXIE = /[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元整]/

/** Replaces a look-alike only inside a run of uppercase numerals (after 人民币 or beside a true numeral). */
function repairUppercase(text: string): string {
  const chars = [...text]
  const numeral = (c: string | undefined): boolean => c !== undefined && (TRUE_DAXIE.test(c) || c in DAXIE_LOOKALIKES)
  chars.forEach((c, i) => {
    const fix = DAXIE_LOOKALIKES[c]
    const prev = chars[i - 1], next = chars[i + 1]
    if (fix && (numeral(prev) || prev === '币') && numeral(next) && (TRUE_DAXIE.test(prev ?? '') || TRUE_DAXIE.test(next ?? ''))) chars[i] = fix
  })
  return chars.join('')
}

const WRAPPED_TAIL = new RegExp(`[${CHINESE_AMOUNT_CHARS}]$`)
const WRAPPED_HEAD = new RegExp(`^[${CHINESE_AMOUNT_CHARS}]+[元圆整]`)

/** Row texts with an uppercase amount that a chat bubble or a narrow cell wrapped onto the next line joined back. */
function joinWrappedUppercase(rows: readonly Row[]): string[] {
  const out: string[] = []
  for (const row of rows) {
    const last = out.at(-1)
    if (last !== undefined && WRAPPED_TAIL.test(last) && !/[元圆整]$/.test(last) && WRAPPED_HEAD.test(row.text)) out[out.length - 1] = last + row.text
    else out.push(row.text)
  }
  return out
}

/** Amounts written out in uppercase Chinese (大写), in fen. */
export function findUppercaseAmounts(rows: readonly Row[]): number[] {
  return joinWrappedUppercase(rows).flatMap(text => [...repairUppercase(text).matchAll(DAXIE)]
    .map(m => m[0].replace(/^.*?(?=[零壹贰叁肆伍陆柒捌玖拾])/, ''))
    .filter(s => /[元圆整]/.test(s) && /[壹贰叁肆伍陆柒捌玖拾佰仟]/.test(s))
    .map(s => parseChineseAmountFen(s))
    .filter((n): n is number => n !== null))
}
