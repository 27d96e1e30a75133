/** A spreadsheet cell as the import sees it: exceljs gives numbers and dates for typed xlsx cells, text for everything else. */
export type Cell = string | number | Date | null

const MAX_YUAN = 999_999_999_999.99
const EXCEL_EPOCH_DAY = 25_569 // serial of 1970-01-01 in Excel's 1900 date system

export const cellText = (c: Cell): string => (c === null ? '' : c instanceof Date ? c.toISOString() : String(c)).trim()

/**
 * Yuan as a decimal string with two places: 128000, "128,000.00", "¥128000", "128000元", "12.8万" all give
 * "128000.00". Null for anything else, zero or negative included.
 */
export function parseAmount(c: Cell): string | null {
  let n: number
  if (typeof c === 'number') n = c
  else if (typeof c === 'string') {
    const t = c.replace(/[\s,，¥￥]/g, '').replace(/^(CNY|RMB)/i, '').replace(/元$/, '')
    const m = /^(\d+(?:\.\d+)?)(万)?$/.exec(t)
    if (!m || !m[1]) return null
    n = Number(m[1]) * (m[2] ? 10_000 : 1)
  } else return null
  if (!Number.isFinite(n) || n <= 0 || n > MAX_YUAN) return null
  const fen = Math.round(n * 100)
  if (Math.abs(fen - n * 100) > 1e-6 * Math.max(1, n)) return null // more than two decimal places
  return (fen / 100).toFixed(2)
}

const isoOf = (y: number, m: number, d: number): string | null => {
  const t = new Date(Date.UTC(y, m - 1, d))
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d && y >= 1990 && y <= 2100
    ? t.toISOString().slice(0, 10) : null
}

/**
 * A calendar day 'YYYY-MM-DD': an xlsx date cell (exceljs reads it as UTC midnight), an Excel serial number,
 * or text such as 2026-03-02, 2026/3/2, 2026.3.2 or 2026年3月2日. Null when it is none of these or not a real day.
 */
export function parseDay(c: Cell): string | null {
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? null : isoOf(c.getUTCFullYear(), c.getUTCMonth() + 1, c.getUTCDate())
  if (typeof c === 'number') {
    if (!Number.isInteger(c) || c < 30_000 || c > 80_000) return null
    const t = new Date((c - EXCEL_EPOCH_DAY) * 86_400_000)
    return isoOf(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate())
  }
  if (typeof c !== 'string') return null
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$/.exec(c.trim())
  return m ? isoOf(Number(m[1]), Number(m[2]), Number(m[3])) : null
}

/** A key such as a contract number or payment reference: trimmed text of at most 64 characters, null when empty or too long. */
export function parseKey(c: Cell): string | null {
  const t = typeof c === 'number' ? String(c) : typeof c === 'string' ? c.trim() : ''
  return t.length > 0 && t.length <= 64 ? t : null
}
