import { catalogueModelsIn, matchCatalogue, modelKey, type ProductCatalogue } from './catalogue-match.js'
import { isUncertainModelReading, normaliseModelCase, QUANTITY_AFTER, repairModelText, splitGluedBrand } from './confusions.js'
import type { Row } from './rows.js'

export { modelKey, type ProductCatalogue } from './catalogue-match.js'

const CODE = String.raw`(?:[A-Za-z][A-Za-z0-9]*(?:[-_/.][A-Za-z0-9]+)+|[A-Za-z]+\d[A-Za-z0-9]*|\d+[A-Za-z]*(?:[-_/][A-Za-z0-9]+)+)`
/** Words after a code that are units, currencies or column names, never a variant suffix. */
const NOT_SUFFIX = String.raw`(?:PCS|PC|SET|SETS|EA|BOX|KIT|UNIT|UNITS|PACK|RMB|CNY|USD|QTY|NO|TAX|VAT|EXW|FOB|CIF)(?![\w-])`
/**
 * An optional brand word, the code, an optional variant suffix (BC-5390 CRP, SY-II). A suffix the detector boxed
 * apart (joined with a tab by the row builder) counts when it cannot be a two-letter brand or unit: 3–4 capitals or a Roman numeral.
 */
const SUFFIX = String.raw`(?: (?!${NOT_SUFFIX})(?:[A-Z]{2,4}|[IVX]{1,4})|\t(?!${NOT_SUFFIX})(?:[A-Z]{3,4}|I{2,3}|IV|VI{0,3}))`
/** A brand word: capitalised, or with a capital OCR misread inside it (YuWell), which normaliseModelCase undoes. */
const BRAND = String.raw`[A-Z][a-z][A-Za-z]+ `
/** The phrase ends at a word boundary; a suffix may also end where a quantity with its unit is glued on (PLUS3台). */
const PHRASE = String.raw`(?:${BRAND})?${CODE}(?:${SUFFIX}(?:(?![\w-])|${QUANTITY_AFTER})|(?![\w-]))`
const LABELLED = new RegExp(String.raw`(?:规格型号|产品型号|型号|Model|P/N)\s*[:;.]?\s*(${PHRASE})`, 'g')
const IN_ROW = new RegExp(String.raw`(?<![\w\-(])(${PHRASE})`, 'g')
const TABLE_END = /合计|总计|总价|总金额|总额|总报价|成交价|优惠|运费|税额|税金|备注|价税|不含税|大写|说明|条款|\b(?:Total|Subtotal|Remarks)\b/i

/** A header row names the 型号 column, or (when OCR lost that word) at least two other item-table columns. */
const isTableHeader = (text: string): boolean => !/[:：]|\d{2,}/.test(text) &&
  (/型号|\bModel\b|\bP\/N\b/i.test(text) ? 1 : 0) +
  (text.match(/名称|品名|数量|单价|单位|金额|小计|规格|\b(?:Description|Qty|Quantity|Unit Price|Amount|Item)\b/gi)?.length ?? 0) >= 2

/** A single capital standing alone just before a code: its first letter, split off by a space OCR put in. */
const LONE_LETTER_BEFORE = /(?:^|[^\w-])[A-Z] $/

export type ModelsPick = { models: string[]; confidence: number; corrected: boolean }

/** A model without a space-separated Roman I-run suffix, the form a suffix read from strokes takes. */
const withoutStrokes = (m: string): string => m.replace(/ I{1,3}$/, '')

const separators = (s: string): number => s.match(/[\s-]/g)?.length ?? 0

/** Letters and digits, but not an amount with its currency (RMB44,100.00) or a spreadsheet's sheet tab (Sheet2). */
const isModel = (s: string): boolean => /[A-Za-z]/.test(s) && (/\d/.test(s) || /-[IVX]+$/.test(s)) && !/^(?:RMB|CNY|USD|Sheet)\d/i.test(s)

/** Whether the engine doubted a character of one of the model's words (BH-214/37 for BM-214/37: see OcrLine). */
const doubted = (row: Row, model: string): boolean => row.unsure !== undefined && model.split(' ').some(w => row.unsure!.includes(w))

/**
 * Models after a 型号 label (letters, chat quotes, spec sheets) and in the 型号 column of an item table. `accept`
 * decides what looks like a model (letters and digits; with a catalogue also what it matches, e.g. SY-H for SY-II).
 */
export function findModels(rows: readonly Row[], accept: (s: string) => boolean = isModel): { model: string; confidence: number }[] {
  const found: { model: string; confidence: number }[] = []
  let inTable = false
  for (const row of rows) {
    const labelled = [...row.text.matchAll(LABELLED)].map(m => m[1]!.replace('\t', ' ')).filter(accept)
    found.push(...labelled.map(model => ({ model, confidence: doubted(row, model) ? 0.5 : 0.85 * (0.6 + 0.4 * row.confidence) })))
    if (labelled.length === 0 && isTableHeader(row.text)) { inTable = true; continue }
    if (inTable && TABLE_END.test(row.text)) inTable = false
    if (!inTable || labelled.length > 0) continue
    const first = [...row.text.matchAll(IN_ROW)].find(m => accept(m[1]!.replace('\t', ' ')))
    if (!first) continue
    // glued to the name cell's Chinese ("摄影系统KT153"): the detector lost the cell boundary, and often a letter with it;
    // after a lone capital ("M LW-526/U"), OCR may have split the code's first letter off with a space
    const glued = /[\u4e00-\u9fff]/.test(row.text[first.index - 1] ?? '') || LONE_LETTER_BEFORE.test(row.text.slice(0, first.index))
    const model = first[1]!.replace('\t', ' ')
    found.push({ model, confidence: glued || doubted(row, model) ? 0.5 : 0.75 * (0.6 + 0.4 * row.confidence) })
  }
  return found
}

/** Distinct models in document order, corrected against the tenant's catalogue when one is given. */
export function pickModels(rows: readonly Row[], catalogue?: ProductCatalogue): ModelsPick {
  const repaired = rows.map(r => ({ ...r, text: repairModelText(r.text) }))
  const raw = findModels(repaired, catalogue ? s => isModel(s) || matchCatalogue(s, catalogue) !== undefined : isModel)
  const printed = (m: string): boolean => rows.some(r => r.text.replace(/\t/g, ' ').includes(m))
  let corrected = false
  const models: string[] = []
  const guessed = new Set<string>()
  let confidence = 1
  for (const { model, confidence: c } of raw) {
    const hit = catalogue ? matchCatalogue(model, catalogue) : undefined
    const known = hit?.model
    const unglued = normaliseModelCase(splitGluedBrand(model))
    if ((hit !== undefined && !hit.exact) || !printed(model) || (known === undefined && unglued !== model)) corrected = true
    const name = known ?? unglued.replace(/_/g, '-')
    if (!printed(model)) guessed.add(name)
    const same = models.findIndex(m => modelKey(m) === modelKey(name))
    // one product read twice, once with its Roman suffix counted from strokes ("PTW-287 111" and "PTW-287 I1"): one
    // model, the reading with more strokes (they are lost more often than invented), still flagged as a guess
    const sameStrokes = models.findIndex(m => (guessed.has(m) || guessed.has(name)) && modelKey(withoutStrokes(m)) === modelKey(withoutStrokes(name)))
    // OCR drops the space in "BC-5390 CRP" far more often than it invents one: the spelling with more separators wins
    if (same >= 0) { if (separators(name) > separators(models[same]!)) models[same] = name }
    else if (sameStrokes >= 0) { if (name.length > models[sameStrokes]!.length) models[sameStrokes] = name }
    else models.push(name)
    // a repaired reading waits for the rep, as a repaired amount does
    const unsure = !printed(model) || isUncertainModelReading(name)
    confidence = Math.min(confidence, known !== undefined ? Math.max(c, 0.95) : unsure ? Math.min(c, 0.55) : c)
  }
  if (models.length === 0 && catalogue) return { ...scanForCatalogue(rows, catalogue), corrected: false }
  // a model whose 型号 label OCR lost is still printed twice (intro and item line, title and spec table)
  const unlabelled = repeatedCodes(repaired).filter(m => !models.some(k => modelKey(withoutStrokes(k)) === modelKey(m) || modelKey(k) === modelKey(m)))
  if (unlabelled.length > 0) {
    models.push(...unlabelled)
    confidence = Math.min(confidence, 0.45)
  }
  return { models: withoutShorterForms(models), confidence: models.length === 0 ? 0 : Math.round(confidence * 100) / 100, corrected }
}

/**
 * One product named twice, once with its brand word and once without ("BS-240" in the intro, "Mindray BS-240" in
 * the table): the fuller form stands, where the first of the two stood. Different variants (BC-5390 / BC-5390 CRP)
 * are different products and both stay.
 */
export function withoutShorterForms(models: readonly string[]): string[] {
  const fuller = (m: string): string | undefined =>
    models.find(n => n !== m && /^[A-Z][a-z]{2,} /.test(n) && modelKey(n.replace(/^[A-Z][a-z]{2,} /, '')) === modelKey(m))
  const out: string[] = []
  for (const m of models) {
    const name = fuller(m) ?? m
    if (!out.includes(name)) out.push(name)
  }
  return out
}

function scanForCatalogue(rows: readonly Row[], catalogue: ProductCatalogue): { models: string[]; confidence: number } {
  const models = catalogueModelsIn(rows.map(r => r.text).join(' '), catalogue)
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
      const model = m[1]!.replace('\t', ' ')
      if (!isModel(model) || !/[-.]/.test(model) || /\d{6,}/.test(model)) continue
      const entry = seen.get(modelKey(model)) ?? { model, count: 0 }
      seen.set(modelKey(model), { ...entry, count: entry.count + 1 })
    }
  }
  return [...seen.values()].filter(e => e.count >= 2).map(e => e.model)
}
