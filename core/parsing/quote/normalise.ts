/**
 * Undoes the usual OCR noise before any field is looked for: full-width forms (NFKC), spaces that engines put
 * between Chinese characters, runs of spaces that stand for a table gap (→ tab), and '¥' read as Y or 半.
 */
export function normaliseOcrText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[〈《【]/g, '(')
    .replace(/[〉》】]/g, ')')
    .replace(/[“”"'‘’|]/g, ' ')
    .replace(/(?<=\p{Script=Han}) +(?=\p{Script=Han})/gu, '')
    .replace(/(?<=[\p{Script=Han}:(]) +(?=[:)])/gu, '')
    // (not inside a product code: the Y of DA-Y429 or MX-450/Y20 is a letter)
    .replace(/(?<![A-Za-z0-9\-_/.])[Yy半羊](?= ?\d)/g, '¥')
    .replace(/#(?=\d{1,3}(?:,\d{3})+(?:\.\d{2})?(?!\d))/g, '¥')
    .replace(/¥ +(?=\d)/g, '¥')
    // "128 500.00": a space for a thousands separator (phone and account groups have four digits, not three)
    .replace(/(?<=\d) (?=\d{3}[.,]\d{2}(?!\d))/g, '')
    .split('\n')
    .map(line => line.replace(/ {2,}/g, '\t').replace(/[ \t]*\t[ \t]*/g, '\t').trim())
    .join('\n')
}

/** Reads a written number with thousands separators, tolerating ',' and '.' confusions; null when it is not one. */
export function parseDecimal(raw: string): number | null {
  const s = raw.replace(/[ ,，]/g, m => (m === '，' ? ',' : m))
  const parts = s.split(/[.,]/)
  if (parts.some(p => !/^\d+$/.test(p))) return null
  const last = parts[parts.length - 1]!
  if (parts.length > 2 && !parts.slice(1, -1).every(p => p.length === 3)) return null
  // "485.407.00" and "7,320,00": the last group of two digits is the fraction, the others are thousands
  if (parts.length > 1 && last.length <= 2) return Number(`${parts.slice(0, -1).join('')}.${last}`)
  if (parts.length > 1 && parts.slice(1).every(p => p.length === 3)) return Number(parts.join(''))
  if (parts.length === 2) return Number(`${parts[0]}.${last}`)
  return parts.length === 1 ? Number(last) : null
}

export const toFen = (yuan: number): number => Math.round(yuan * 100)
