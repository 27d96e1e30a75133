import { splitGluedBrand } from './confusions.js'
import type { Row } from './rows.js'

/** A tenant's product list: models as they print them, with the spellings their documents also use. */
export type ProductCatalogue = { products: readonly { model: string; aliases?: readonly string[] }[] }

const CODE = String.raw`(?:[A-Za-z][A-Za-z0-9]*(?:[-_/.][A-Za-z0-9]+)+|[A-Za-z]+\d[A-Za-z0-9]*|\d+[A-Za-z]*(?:[-_/][A-Za-z0-9]+)+)`
/** An optional brand word, the code, an optional variant suffix (BC-5390 CRP, SY-II). */
const PHRASE = String.raw`(?:[A-Z][a-z]{2,} )?${CODE}(?: (?:[A-Z]{2,4}|[IVX]{1,4})(?![\w-]))?`
const LABELLED = new RegExp(String.raw`(?:规格型号|产品型号|型号|Model|P/N)\s*[:;.]?\s*(${PHRASE})(?![\w-])`, 'g')
const IN_ROW = new RegExp(String.raw`(?<![\w\-(])(${PHRASE})(?![\w-])`, 'g')
const TABLE_END = /合计|总计|总价|备注|价税|不含税|大写|说明/

/** A header row names the 型号 column, or (when OCR lost that word) at least two other item-table columns. */
const isTableHeader = (text: string): boolean => !/[:：]|\d{2,}/.test(text) &&
  (/型号/.test(text) ? 1 : 0) + (text.match(/名称|品名|数量|单价|单位|金额|小计|规格/g)?.length ?? 0) >= 2

export type ModelsPick = { models: string[]; confidence: number; corrected: boolean }

const isModel = (s: string): boolean => /[A-Za-z]/.test(s) && (/\d/.test(s) || /-[IVX]+$/.test(s))

/** Models after a 型号 label (letters, chat quotes, spec sheets) and in the 型号 column of an item table. */
export function findModels(rows: readonly Row[]): { model: string; confidence: number }[] {
  const found: { model: string; confidence: number }[] = []
  let inTable = false
  for (const row of rows) {
    const labelled = [...row.text.matchAll(LABELLED)].map(m => m[1]!).filter(isModel)
    found.push(...labelled.map(model => ({ model, confidence: 0.85 * (0.6 + 0.4 * row.confidence) })))
    if (labelled.length === 0 && isTableHeader(row.text)) { inTable = true; continue }
    if (inTable && TABLE_END.test(row.text)) inTable = false
    if (!inTable || labelled.length > 0) continue
    const first = [...row.text.matchAll(IN_ROW)].map(m => m[1]!).find(isModel)
    if (first) found.push({ model: first, confidence: 0.75 * (0.6 + 0.4 * row.confidence) })
  }
  return found
}

/** Compares spellings the way OCR confuses them: O/0, I/l/1, case, spaces and dashes. */
export const modelKey = (s: string): string =>
  s.toUpperCase().replace(/[\s\-_./]/g, '').replace(/O/g, '0').replace(/[IL|]/g, '1')

function fromCatalogue(model: string, catalogue: ProductCatalogue): string | undefined {
  const key = modelKey(model)
  for (const p of catalogue.products) {
    const code = p.model.split(/\s+/).filter(isModel).join(' ')
    if ([p.model, ...(p.aliases ?? [])].some(s => modelKey(s) === key)) return p.model
    // a Roman-numeral suffix II read as H (11 is covered by the key's I → 1)
    if (/II$/.test(p.model) && /H$/.test(key) && modelKey(p.model) === key.replace(/H$/, '11')) return p.model
    if (code && modelKey(code) === key) return code
    // the brand word is printed in some documents and not in others; the code decides
    if (code && modelKey(model.replace(/^[A-Z][a-z]{2,}\s/, '')) === modelKey(code) && /^[A-Z][a-z]{2,}\s/.test(model)) return p.model
  }
  return undefined
}

/** Distinct models in document order, corrected against the tenant's catalogue when one is given. */
export function pickModels(rows: readonly Row[], catalogue?: ProductCatalogue): ModelsPick {
  const raw = findModels(rows)
  let corrected = false
  const models: string[] = []
  let confidence = 1
  for (const { model, confidence: c } of raw) {
    const known = catalogue ? fromCatalogue(model, catalogue) : undefined
    const unglued = splitGluedBrand(model)
    if ((known !== undefined && known !== model) || (known === undefined && unglued !== model)) corrected = true
    const name = known ?? unglued.replace(/_/g, '-')
    if (!models.some(m => modelKey(m) === modelKey(name))) models.push(name)
    confidence = Math.min(confidence, known !== undefined ? Math.max(c, 0.95) : c)
  }
  if (models.length === 0 && catalogue) return { ...scanForCatalogue(rows, catalogue), corrected: false }
  // a model whose 型号 label OCR lost is still printed twice (intro and item line, title and spec table)
  const unlabelled = repeatedCodes(rows).filter(m => !models.some(k => modelKey(k) === modelKey(m)))
  if (unlabelled.length > 0) {
    models.push(...unlabelled)
    confidence = Math.min(confidence, 0.45)
  }
  return { models, confidence: models.length === 0 ? 0 : Math.round(confidence * 100) / 100, corrected }
}

function scanForCatalogue(rows: readonly Row[], catalogue: ProductCatalogue): { models: string[]; confidence: number } {
  const text = modelKey(rows.map(r => r.text).join(' '))
  const models = catalogue.products.map(p => p.model).filter(m => text.includes(modelKey(m)))
  return { models, confidence: models.length > 0 ? 0.5 : 0 }
}

/**
 * Last resort when OCR lost every 型号 label: a product code is printed more than once (title and spec table,
 * intro sentence and item line), while ids, phone numbers and registration numbers are long digit runs.
 */
function repeatedCodes(rows: readonly Row[]): string[] {
  const seen = new Map<string, { model: string; count: number }>()
  for (const row of rows) {
    for (const m of row.text.matchAll(IN_ROW)) {
      const model = m[1]!
      if (!isModel(model) || !/[-.]/.test(model) || /\d{6,}/.test(model)) continue
      const entry = seen.get(modelKey(model)) ?? { model, count: 0 }
      seen.set(modelKey(model), { ...entry, count: entry.count + 1 })
    }
  }
  return [...seen.values()].filter(e => e.count >= 2).map(e => e.model)
}
