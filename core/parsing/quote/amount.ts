import { parseDecimal, toFen } from './normalise.js'
import { keywordPattern, nearestKeywordBefore, type Row } from './rows.js'
import { findUppercaseAmounts } from './uppercase-amount.js'

/** Labels of the amount the customer finally pays, best first. */
const FINAL = ['价税合计', '优惠后合计', '优惠后总价', '优惠后总计', '优惠后金额', '优惠后', '折后价', '折后总价', '成交价', '成交金额',
  '最终报价', '最终价', '总报价金额', '报价合计', '费用合计', '总费用', '合同金额', '合同价', '项目总价', '项目总额', '一口价', '打包价', '含税总价', '含税合计', '含税总计', '含税总额', '小写', '报价总金额', '报价总额', '总报价', '合计总价',
  '合计金额', '总计金额', '总金额', '应付金额', '实付金额', '总价款', '合同总价', 'Grand Total', 'Total Amount']
const TOTAL = ['合计', '总计', '总价', '共计', '总额', '金额合计', '价格合计', '报价金额', '总共', '优惠价', '特惠价', '整单价', 'Total', 'Amount Due']
/** Amounts that sit beside a total but are not it: net of tax, tax, unit and line prices, discounts, budgets. */
const OTHER = ['不含税合计', '不含税总价', '不含税金额', '不含税', '未税', '税前', '税额', '税金', '增值税额', '单价', '小计', '优惠金额',
  '优惠', '折扣', '减免', '让利', '预算', '预付', '定金', '首付', '运费', '电话', '手机', '传真', '账号', '帐号', '单号', '编号',
  '订单', '注册', '税率', '数量', '日期', '原价', '原价合计', '原价总计', '原价总额', '折前合计', '优惠前合计', '报价人', '联系', '市场价', '指导价', 'Unit Price', 'Tax', 'Subtotal']

/** Sums a total is made of; a unit price is not one (ten units cost ten times it, exactly). */
const SUMS = new Set(['小计', '不含税合计', '不含税总价', '不含税金额', 'Subtotal'])
/** Amounts a total includes: a total below one of them was misread. */
const PARTS = new Set([...SUMS, '单价', 'Unit Price'])

const LABELS = keywordPattern([...FINAL, ...TOTAL, ...OTHER])
const TIER = new Map<string, number>([...OTHER.map(w => [w, 0] as const), ...TOTAL.map(w => [w, 2] as const), ...FINAL.map(w => [w, 3] as const)])

const MONEY = /(?<![\w\-/.#@$€£])(¥|RMB|CNY|人民币)?(-?\d{1,3}(?:[,.]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)(?![\d\-/:]|\.\d)(?:\s*(万元|万|元|CNY|RMB))?/g

export type AmountCandidate = { fen: number; tier: number; label?: string; row: number; marked: boolean; precise: boolean; confidence: number }

function moneyIn(row: Row, index: number, previousLabel: string | undefined): AmountCandidate[] {
  const found: AmountCandidate[] = []
  for (const m of row.text.matchAll(MONEY)) {
    const [, currency, digits = '', unit] = m
    const after = row.text.slice(m.index + m[0].length, m.index + m[0].length + 1)
    // 号, 楼 and dates after a number make it an address or a day, but not a currency amount to the fen ("¥399,400.00号章": a seal's text run on)
    const units = currency !== undefined && /[.,]\d{2}$/.test(digits) ? /^[%A-Za-z台个套件盒箱瓶桶支只人份]/ : /^[%A-Za-z台个套件盒箱瓶桶支只天日月年号楼人份]/
    if (digits.startsWith('-') || units.test(after)) continue
    // another currency is no amount in yuan; converting it is the rep's call, not the parser's
    if (/(USD|US\$|EUR|HKD|JPY|美元|欧元|港币)\s*$/.test(row.text.slice(0, m.index)) || /^\s*(USD|EUR|HKD|美元|欧元|港币)/.test(row.text.slice(m.index + m[0].length))) continue
    const value = parseDecimal(digits)
    if (value === null || value === 0) continue
    const label = nearestKeywordBefore(row.text, m.index, LABELS) ?? previousLabel
    const tier = label === undefined ? 1 : (TIER.get(label) ?? 1)
    const marked = currency !== undefined || unit !== undefined
    // a bare number is an amount only when it looks like money: cents, thousands separators or 4+ digits
    const looksLikeMoney = /[.,]\d{2}$|,\d{3}|\d{4}/.test(digits) && !/^\s\d/.test(row.text.slice(m.index + m[0].length))
    if (!marked && (tier === 1 || !looksLikeMoney)) continue
    const fen = toFen(unit?.startsWith('万') ? value * 10_000 : value)
    found.push({ fen, tier, ...(label === undefined ? {} : { label }), row: index, marked, precise: /[.,]\d{2}$/.test(digits) && !unit?.startsWith('万'), confidence: row.confidence })
  }
  return found
}

/** Every amount on the page with the role its label gives it (3 final total, 2 total, 1 unlabelled, 0 something else). */
export function findAmountCandidates(rows: readonly Row[]): AmountCandidate[] {
  return rows.flatMap((row, i) => {
    const prev = rows[i - 1]
    // a label alone on the line above its amount (a table cell split in two)
    // (one label only: a table header names columns, not the row below it)
    // (alone: "合计金额（大写）：人民币伍万…元整" above a date is a whole amount line, not a label waiting for its figures)
    const prevLabels = prev && !/\d/.test(prev.text) ? [...prev.text.matchAll(LABELS)] : []
    const alone = prevLabels.length === 1 && prev!.text.replace(prevLabels[0]![0], '').replace(/[\s:()（）元大写小写]/g, '').length <= 2
    const prevLabel = alone ? prevLabels[0]![0] : undefined
    return moneyIn(row, i, prevLabel)
  })
}

export type AmountFlag = 'amount_uppercase_mismatch' | 'amount_restored_from_uppercase' | 'amount_conflict' | 'amount_unlabelled'
  | 'amount_implausible'
export type AmountPick = { fen: number | null; confidence: number; flags: AmountFlag[] }

const rank = (c: AmountCandidate, votes: number, daxie: boolean): number[] =>
  [c.tier, daxie ? 1 : 0, votes, c.precise ? 1 : 0, c.marked ? 1 : 0, c.row]

function better(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] ?? 0) > (b[i] ?? 0)
  return false
}

/**
 * The total the customer pays: the amount with the strongest total label; among equals the one the uppercase
 * form confirms, then the one written most often, then the most precise (digits to the fen beat 万元), then the
 * last. Disagreements are kept as flags so the rep confirms instead of trusting a guess.
 */
export function pickAmount(rows: readonly Row[]): AmountPick {
  const everything = findAmountCandidates(rows)
  const candidates = everything.filter(c => c.tier > 0)
  const uppercase = new Set(findUppercaseAmounts(rows))
  const votes = (fen: number): number => candidates.filter(c => c.fen === fen).length
  let best: AmountCandidate | undefined
  for (const c of candidates) {
    if (!best || better(rank(c, votes(c.fen), uppercase.has(c.fen)), rank(best, votes(best.fen), uppercase.has(best.fen)))) best = c
  }
  // the uppercase form is unambiguous where a digit went missing under a seal or a fold (¥14,630.00 read as 4,630.00)
  const readFen = best?.fen
  const restored = best && [...uppercase].find(u => u !== readFen && String(u).endsWith(String(readFen)))
  if (best && restored !== undefined) best = { ...best, fen: restored, tier: best.tier }
  if (!best) {
    const [only] = uppercase
    return only !== undefined && uppercase.size === 1 ? { fen: only, confidence: 0.6, flags: [] } : { fen: null, confidence: 0, flags: [] }
  }
  const flags: AmountFlag[] = []
  const confirmed = uppercase.has(best.fen) && restored === undefined
  if (uppercase.size > 0 && !confirmed) flags.push('amount_uppercase_mismatch')
  if (restored !== undefined) flags.push('amount_restored_from_uppercase')
  const rivals = candidates.filter(c => c.tier === best!.tier && c.fen !== best!.fen && c.fen !== readFen)
  if (rivals.length > 0) flags.push('amount_conflict')
  if (best.tier < 2) flags.push('amount_unlabelled')
  // a misread total (digits merged, dropped or doubled) dwarfs every price on the page, or falls below a price
  // or line amount it must include
  const isPart = (c: AmountCandidate): boolean => c.label !== undefined && PARTS.has(c.label)
  const largestOther = Math.max(0, ...everything.filter(c => c.fen !== best!.fen && (c.marked || isPart(c))).map(c => c.fen))
  const floor = Math.max(0, ...everything.filter(isPart).map(c => c.fen))
  if ((largestOther > 0 && best.fen > 50 * largestOther) || best.fen < 0.9 * floor || lostDecimalPoint(best, everything)) flags.push('amount_implausible')
  const base = best.tier >= 3 ? 0.85 : best.tier === 2 ? 0.75 : 0.35
  const penalty = (rivals.length > 0 || flags.includes('amount_implausible') ? 0.3 : 0) + (flags.includes('amount_uppercase_mismatch') ? 0.2 : 0) + (restored !== undefined ? 0.1 : 0)
  const agreement = (confirmed ? 0.1 : 0) + (votes(best.fen) > 1 ? 0.05 : 0) - penalty
  const confidence = Math.max(0.05, Math.min(0.99, (base + agreement) * (0.6 + 0.4 * best.confidence)))
  return { fen: best.fen, confidence: round2(confidence), flags }
}

/**
 * A total written without fen (166.8万元, 1,668,000) that is ten or a hundred times a subtotal written to the fen on the
 * same page (小计 1,667,200.00): its decimal point was lost ("1668万元"). Within 2 %, for freight and rounding.
 */
function lostDecimalPoint(best: AmountCandidate, everything: readonly AmountCandidate[]): boolean {
  if (best.precise) return false
  return everything.some(c => c.precise && c.fen > 0 && c.label !== undefined && SUMS.has(c.label) &&
    [10, 100].some(k => Math.abs(best.fen / (k * c.fen) - 1) < 0.02))
}

const round2 = (n: number): number => Math.round(n * 100) / 100
