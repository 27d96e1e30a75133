import { describe, expect, it } from 'vitest'
import { parseQuote } from './parse-quote.js'
import { addToDay } from './dates.js'

const dates = (text: string) => { const q = parseQuote({ text }); return { quoteDate: q.quoteDate, validUntil: q.validUntil } }

describe('quote date and validity', () => {
  it.each([
    ['Chinese until', '报价日期: 2026年3月5日\n本报价有效期至2026年4月30日', '2026-03-05', '2026-04-30'],
    ['ISO until after label', '报价日期: 2026-11-19\n4. 有效期: 2027-02-17;', '2026-11-19', '2027-02-17'],
    ['slashes and dots', '报价日期: 2026/8/25\n报价有效截止日期: 2026.9.24', '2026-08-25', '2026-09-24'],
    ['days after the label', '报价日期: 2026.02.09\n报价有效期30天', '2026-02-09', '2026-03-11'],
    ['from the quote date', '报价日期 2026-08-24\n本报价自报价之日起60日内有效', '2026-08-24', '2026-10-23'],
    ['Chinese numeral days', '报价日期: 2026-01-10\n有效期: 三十天', '2026-01-10', '2026-02-09'],
    ['one month, clamped', '报价日期: 2026-01-31\n有效期: 一个月', '2026-01-31', '2026-02-28'],
    ['half a year', '报价日期: 2026-03-15\n报价有效期: 半年', '2026-03-15', '2026-09-15'],
    ['two weeks', '报价日期: 2026-12-25\n有效期: 2周', '2026-12-25', '2027-01-08'],
    ['letter date on its own line', '五、有效期: 15天。\n销售代表: 朱婷\n2026-03-10', '2026-03-10', '2026-03-25'],
    ['chat timestamp', '2026年6月9日 下午3:50\n你好\n本报价有效期至2026年8月31日', '2026-06-09', '2026-08-31'],
    ['spaced OCR digits', '报价日期: 2026 年 7 月 20 日\n有效期 自报价之日起7日内', '2026-07-20', '2026-07-27'],
    ['date from the quote number when none is printed', '报价单号: QT20260720-013\n有效期: 10天', '2026-07-20', '2026-07-30'],
    ['unit lost by OCR', '报价日期: 2026-03-10\n五、有效期: 15K', '2026-03-10', '2026-03-25'],
    ['a mail header whose time lost its space', '时间: 2027-06-2411:05\n有效期: 30天', '2027-06-24', '2027-07-24'],
    ['a date wrapped inside a chat bubble', '报价日期: 2026-11-16\n报价有效截止日期: 2027年1月\n15日', '2026-11-16', '2027-01-15'],
    ['a validity word wrapped inside a chat bubble', '报价日期: 2027-02-13\n本报价自报价之日起60天内有\n效\n——康瑞医疗 高翔', '2027-02-13', '2027-04-14'],
    ['the label with 日期 alone, its date on the next line', '报价日期: 2027-03-03\n报价有效截止日期:\n2027-04-02', '2027-03-03', '2027-04-02'],
    ['validity label on the line above', '报价日期: 2026-05-01\n有效期至\n2026-06-30', '2026-05-01', '2026-06-30'],
  ])('%s', (_name, text, quoteDate, validUntil) => expect(dates(text)).toEqual({ quoteDate, validUntil }))

  it.each([
    ['delivery period is no validity', '报价日期: 2026-03-01\n交货期: 合同签订后30日内', null],
    ['impossible date ignored', '报价日期: 2026-02-30\n有效期至2026-13-01', null],
    ['period without a quote date', '有效期: 30天', null],
    ['the next clause is not the validity', '报价日期: 2026-03-01\n报价有效期:\n付款方式: 月结30天', null],
    ['working days need a calendar, not a guess', '报价日期: 2026-03-01\n报价有效期: 10个工作日', null],
  ])('%s', (_name, text, validUntil) => expect(dates(text).validUntil).toBe(validUntil))

  it.each([
    ['the enquiry date in its own cell', '询价日期: 2026-03-01\t报价日期: 2026-03-05\n有效期: 10天', '2026-03-05'],
    ['an enquiry date, the quote dated at the foot', '询价日期: 2026-03-01\t项目: 监护仪采购\n有效期: 10天\n销售: 王芳\n2026/3/5', '2026-03-05'],
    ['an enquiry date in the letter', '根据贵方的采购需求（询价日期2026/5/4），现就报价如下\n有效期: 10天\n2026年5月13日', '2026-05-13'],
  ])('%s', (_name, text, quoteDate) => expect(dates(text).quoteDate).toBe(quoteDate))

  it('does not take a delivery date for the quote date', () => {
    expect(dates('交货日期: 2026-05-01\n签订日期: 2026-04-01').quoteDate).toBeNull()
  })

  it('flags a validity resolved from an unsure quote date', () => {
    const q = parseQuote({ text: '报价单号: QT20260720-013\n有效期: 10天' })
    expect(q.flags).toEqual(expect.arrayContaining(['quoteDate_low_confidence', 'validUntil_low_confidence']))
  })

  it.each([
    ['2026-12-31', 1, 'day', '2027-01-01'], ['2028-02-28', 1, 'day', '2028-02-29'], ['2026-03-31', 1, 'month', '2026-04-30'],
    ['2026-11-30', 3, 'month', '2027-02-28'], ['2026-03-01', 0, 'day', '2026-03-01'],
  ] as const)('%s + %i %s = %s', (day, n, unit, want) => expect(addToDay(day, n, unit)).toBe(want))
})
