import { describe, expect, it } from 'vitest'
import { parseChineseAmountFen, parseChineseInteger } from './chinese-numerals.js'

describe('parseChineseInteger', () => {
  it.each([
    ['六十', 60], ['十五', 15], ['三十', 30], ['九十', 90], ['一百二十', 120], ['两', 2], ['零', 0],
    ['壹佰叁拾肆万柒仟肆佰', 1_347_400], ['肆拾捌万伍仟', 485_000], ['壹万零伍', 10_005], ['拾万', 100_000],
    ['壹亿贰仟万', 120_000_000], ['叁亿零伍拾万', 300_500_000], ['贰仟零壹拾', 2_010],
  ])('%s = %i', (s, n) => expect(parseChineseInteger(s)).toBe(n))

  it.each([[''], ['壹贰'], ['佰佰'], ['拾佰'], ['肆万X'], ['万']])('rejects %j', s => expect(parseChineseInteger(s)).toBeNull())
})

describe('parseChineseAmountFen', () => {
  it.each([
    ['人民币肆万柒仟肆佰玖拾元整', 4_749_000],
    ['壹佰叁拾肆万柒仟肆佰元整', 134_740_000],
    ['陆拾捌万叁仟叁佰伍拾贰元柒角', 68_335_270],
    ['壹佰元伍角陆分', 10_056],
    ['壹万肆仟陆佰叁拾圆正', 1_463_000],
    ['伍角', 50],
    ['零元捌分', 8],
    ['人民币壹拾贰万捌仟伍佰元零伍角', 12_850_050],
  ])('%s = %i fen', (s, fen) => expect(parseChineseAmountFen(s)).toBe(fen))

  it.each([['人民币'], ['元整'], ['肆万涂什肆佰玫拾元整'], ['壹佰元X角'], ['喜佰参抬肆万业什肆佰元整']])('rejects %j', s =>
    expect(parseChineseAmountFen(s)).toBeNull())
})
