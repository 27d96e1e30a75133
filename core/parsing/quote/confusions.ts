import type { Row } from './rows.js'

/** A number written with thousands commas where some commas are missing ("1,347400.00"): every comma sits where a group starts. */
const PARTLY_GROUPED = /(?<![\d,.])\d{1,3}(?:,?\d{3})+\.\d{2}(?!\d)/g
const WELL_GROUPED = /^\d{1,3}(?:,\d{3})+\.\d{2}$/

/**
 * Undoes the confusions PP-OCR makes systematically in amounts, where the context leaves one reading only:
 * 万 read as 方 between a number and 元 ("12.85方元"; 方 alone is also a unit, cubic metres, so it is kept), and a
 * dropped thousands comma among others that are in place. The caller flags any field these repairs change.
 */
export function repairAmountRows(rows: readonly Row[]): { rows: Row[]; repaired: boolean } {
  let repaired = false
  const out = rows.map(row => {
    const text = row.text
      .replace(/(?<=\d)方(?=元)/g, '万')
      .replace(PARTLY_GROUPED, m => (m.includes(',') && !WELL_GROUPED.test(m) ? m.replace(/,/g, '') : m))
    if (text !== row.text) repaired = true
    return text === row.text ? row : { ...row, text }
  })
  return { rows: out, repaired }
}

/** "OmronHBP-9030" → "Omron HBP-9030": a capitalised brand word glued to an uppercase code when OCR dropped the space. */
export function splitGluedBrand(model: string): string {
  return model.replace(/^([A-Z][a-z]{2,})(?=[A-Z]{1,5}[\d-])/, '$1 ')
}
