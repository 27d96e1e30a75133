import { describe, expect, it } from 'vitest'
import { normaliseOcrText, parseDecimal } from './normalise.js'

describe('normaliseOcrText', () => {
  it.each([
    ['CJK spaced by the engine', '报 价 单', '报价单'],
    ['full-width forms', '合计：￥１２，５００．００', '合计:¥12,500.00'],
    ['Y for ¥', '小计: Y40,170.00', '小计: ¥40,170.00'],
    ['a Y inside a model code stays a letter', '型号: DA-Y429 MX-450/Y20', '型号: DA-Y429 MX-450/Y20'],
    ['column gap to tab', '单价          ¥135,100.00', '单价\t¥135,100.00'],
    ['table bars become cell gaps', '| 合计 | ¥1.00 |', '合计\t¥1.00'],
    ['angle brackets', '〈含13%增值税〉', '(含13%增值税)'],
  ])('%s', (_name, input, want) => expect(normaliseOcrText(input)).toBe(want))
})

describe('parseDecimal', () => {
  it.each([
    ['485,407.00', 485_407], ['128500.5', 128_500.5], ['485.407.00', 485_407], ['7,320,00', 7_320], ['1,347,400', 1_347_400],
    ['16.1', 16.1], ['135100', 135_100], ['20.58', 20.58],
  ])('%s = %d', (s, n) => expect(parseDecimal(s)).toBe(n))
  it.each([['1,2,3'], ['12a'], ['']])('rejects %j', s => expect(parseDecimal(s)).toBeNull())
})
