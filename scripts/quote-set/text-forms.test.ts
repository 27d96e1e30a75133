import { describe, expect, it } from 'vitest'
import { parseChineseAmountFen } from '../../core/parsing/chinese-numerals.js'
import { createQuoteDoc } from './content.js'
import { createRng } from './random.js'
import { addMonths, chineseCount, toDaxie, writeAmount } from './text-forms.js'

describe('generated quote text', () => {
  it.each([
    [100, '壹元整'], [1_010_000, '壹万零壹佰元整'], [134_740_000, '壹佰叁拾肆万柒仟肆佰元整'], [100_001, '壹仟元零壹分'], [100_500_000, '壹佰万伍仟元整'],
  ])('%i fen in uppercase is %s', (fen, want) => expect(toDaxie(fen)).toBe(want))

  it('writes uppercase amounts the parser reads back to the fen', () => {
    const rng = createRng(7)
    for (let i = 0; i < 2000; i++) {
      const fen = Math.floor(rng.next() ** 3 * 5e9)
      expect(parseChineseAmountFen(toDaxie(fen))).toBe(fen)
    }
  })

  it('writes 万元 totals exactly', () => expect(writeAmount(134_740_000, 'wan', createRng(1))).toBe('134.74万元'))

  it.each([[7, '七'], [10, '十'], [15, '十五'], [30, '三十'], [90, '九十']])('%i days is %s', (n, want) => expect(chineseCount(n)).toBe(want))

  it('counts months as the parser does (clamped to the month end)', () => expect(addMonths('2026-01-31', 1)).toBe('2026-02-28'))

  it('gives the same quote for the same seed, a different one for another', () => {
    const a = createQuoteDoc(createRng(202)), b = createQuoteDoc(createRng(202)), c = createQuoteDoc(createRng(203))
    expect(a).toEqual(b)
    expect(c).not.toEqual(a)
  })

  it('makes the total the sum of what the customer pays', () => {
    const rng = createRng(11)
    for (let i = 0; i < 300; i++) {
      const doc = createQuoteDoc(rng)
      const lines = doc.items.reduce((s, it) => s + it.lineFen, 0)
      expect(doc.totalFen).toBeGreaterThan(0)
      expect(Math.abs(doc.totalFen - lines)).toBeLessThanOrEqual(Math.max(150_000, lines * 0.08))
      if (doc.amountFormat === 'wan') expect(doc.totalFen % 10_000).toBe(0)
    }
  })
})
