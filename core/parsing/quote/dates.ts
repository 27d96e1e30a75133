import { parseChineseInteger } from '../chinese-numerals.js'
import { keywordPattern, nearestKeywordBefore, type Row } from './rows.js'

/** A calendar day as YYYY-MM-DD. */
export type IsoDay = string

// a time may follow with its space lost ("2027-06-2411:05", a mail header read by PP-OCR)
const DATE = /(?<!\d)(20\d{2})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?|([-/.])\s*(\d{1,2})\s*\4\s*(\d{1,2}))(?:(?!\d)|(?=\d{1,2}:\d{2}(?!\d)))/g

export type FoundDate = { day: IsoDay; row: number; index: number; end: number }

function isoDay(y: number, m: number, d: number): IsoDay | null {
  const t = new Date(Date.UTC(y, m - 1, d))
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null
  return t.toISOString().slice(0, 10)
}

export function findDates(rows: readonly Row[]): FoundDate[] {
  return rows.flatMap((row, i) => [...row.text.matchAll(DATE)].flatMap(m => {
    const day = isoDay(Number(m[1]), Number(m[2] ?? m[5]), Number(m[3] ?? m[6]))
    return day ? [{ day, row: i, index: m.index, end: m.index + m[0].length }] : []
  }))
}

/** Calendar arithmetic on days; months clamp to the month's last day (1月31日 + 1个月 = 2月28日). */
export function addToDay(day: IsoDay, amount: number, unit: 'day' | 'month'): IsoDay {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number)
  if (unit === 'day') return new Date(Date.UTC(y, m - 1, d + amount)).toISOString().slice(0, 10)
  const lastOfTarget = new Date(Date.UTC(y, m - 1 + amount + 1, 0)).getUTCDate()
  return new Date(Date.UTC(y, m - 1 + amount, Math.min(d, lastOfTarget))).toISOString().slice(0, 10)
}

const VALIDITY = keywordPattern(['有效期', '有效截止', '截止日期', '截止', '有效至', '有效日期', '有效', '失效', 'Valid until', 'Valid'])
const QUOTE_DATE = keywordPattern(['报价日期', '报价时间', '日期', '时间', 'Date'])
/** Dates that belong to something else: delivery, contract, registration, the chat's own clock. */
const OTHER_DATE = keywordPattern(['交货', '交付', '发货', '到货', '签订', '合同', '注册', '生产', '出厂', '付款', '成立', '有效期', '截止', '至',
  '询价', '询盘', '需求', '申请', '开标', '投标'])

function isAlone(text: string, d: FoundDate): boolean {
  const rest = (text.slice(0, d.index) + text.slice(d.end)).replace(/上午|下午|中午|晚上|早上|星期.|周./g, '')
  return !/\p{L}/u.test(rest)
}

/** The text of the date's own cell before it: 询价日期 in the cell to the left says nothing about 报价日期 here. */
const cellBefore = (text: string, index: number): string => text.slice(text.lastIndexOf('\t', index - 1) + 1, index)

export type QuoteDatePick = { day: IsoDay | null; confidence: number }

/**
 * The quote date: a labelled 报价日期 first, then a date standing alone on its line (a letter's signature, a chat
 * timestamp), then the earliest date that is no validity, delivery or contract date.
 */
export function pickQuoteDate(rows: readonly Row[], dates: readonly FoundDate[]): QuoteDatePick {
  const labelled = dates.find(d => {
    const label = cellBefore(rows[d.row]!.text, d.index)
    return nearestKeywordBefore(label, label.length, QUOTE_DATE) !== undefined && nearestKeywordBefore(label, label.length, OTHER_DATE) === undefined
  })
  if (labelled) return { day: labelled.day, confidence: 0.9 }
  const alone = dates.filter(d => isAlone(rows[d.row]!.text, d))
  const standalone = alone.at(-1)
  if (standalone) return { day: standalone.day, confidence: 0.7 }
  const fromNumber = rows.map(r => /\b[A-Z]{1,4}(20\d{2})(\d{2})(\d{2})(?![\d])/.exec(r.text)).find(m => m && isoDay(+m[1]!, +m[2]!, +m[3]!))
  // quote numbers such as QT20260720-013 carry the day the quote was made
  if (fromNumber) return { day: isoDay(+fromNumber[1]!, +fromNumber[2]!, +fromNumber[3]!), confidence: 0.45 }
  const plain = dates.filter(d => nearestKeywordBefore(rows[d.row]!.text, d.index, OTHER_DATE) === undefined)
  const earliest = [...plain].sort((a, b) => a.day.localeCompare(b.day))[0]
  return earliest ? { day: earliest.day, confidence: 0.4 } : { day: null, confidence: 0 }
}

export type Validity = { kind: 'until'; day: IsoDay } | { kind: 'period'; amount: number; unit: 'day' | 'month' }

const NUMBER = '(\\d{1,3}|[零一二两三四五六七八九十百半]{1,4})'
const PERIOD = new RegExp(`(?<![\\d年])${NUMBER}\\s*(?:个)?\\s*(天|日|自然日|日历日|个?月|周|星期|年)(?!内?交|内?发|内?送)`)

function periodIn(text: string): Validity | null {
  const m = PERIOD.exec(text)
  if (!m) return null
  const [, n = '', unit = ''] = m
  const amount = n === '半' ? 0.5 : /\d/.test(n) ? Number(n) : parseChineseInteger(n)
  if (amount === null || amount <= 0) return null
  if (unit.endsWith('月')) return amount === 0.5 ? { kind: 'period', amount: 15, unit: 'day' } : { kind: 'period', amount, unit: 'month' }
  if (unit === '年') return { kind: 'period', amount: amount * 12, unit: 'month' }
  if (unit === '周' || unit === '星期') return { kind: 'period', amount: amount * 7, unit: 'day' }
  return Number.isInteger(amount) ? { kind: 'period', amount, unit: 'day' } : null
}

export type ValidityPick = { validity: Validity | null; confidence: number }

/** The validity a line states after a validity word that starts before `limit`: a last day, a period, or a bare count. */
function validityIn(text: string, limit: number): ValidityPick | null {
  const keyword = [...text.matchAll(VALIDITY)][0]
  if (!keyword || keyword.index >= limit) return null
  const after = keyword.index + keyword[0].length
  const rest = text.slice(after)
  const until = findDates([{ text, confidence: 1 }]).find(d => d.index >= after)
  if (until) return { validity: { kind: 'until', day: until.day }, confidence: 0.9 }
  const period = periodIn(rest) ?? (/起/.test(text) ? periodIn(text) : null)
  if (period) return { validity: period, confidence: 0.85 }
  // "有效期: 15K": the unit misread; a bare count after the label is days in every quote form we know
  const bare = /^[\s:]*(\d{1,3})(?![\d\-/.年个周])/.exec(rest)
  if (bare && Number(bare[1]) > 0) return { validity: { kind: 'period', amount: Number(bare[1]), unit: 'day' }, confidence: 0.5 }
  return null
}

/** A line that starts a clause of its own ("付款方式: 月结30天"), which no line above continues into. */
const isLabelled = (text: string): boolean => /^[^:\d]{1,8}:/.test(text)

/**
 * How long the quote is valid: a last day after a validity word, or a period (30天, 一个月, 自报价之日起60日内). A clause
 * wrapped onto the next line (a chat bubble, a table cell split in two) is read joined to it, less surely.
 */
export function pickValidity(rows: readonly Row[], _dates: readonly FoundDate[] = []): ValidityPick {
  for (const [i, row] of rows.entries()) {
    const alone = validityIn(row.text, row.text.length)
    if (alone) return alone
    const next = rows[i + 1]
    if (!next || isLabelled(next.text)) continue
    const joined = validityIn(row.text + next.text, row.text.length)
    if (joined) return { ...joined, confidence: Math.min(joined.confidence, 0.75) }
  }
  return { validity: null, confidence: 0 }
}

export function resolveValidUntil(validity: Validity | null, quoteDate: IsoDay | null): IsoDay | null {
  if (!validity) return null
  if (validity.kind === 'until') return validity.day
  return quoteDate ? addToDay(quoteDate, validity.amount, validity.unit) : null
}
