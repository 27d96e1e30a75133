/** A tenant's product list: models as they print them, with the spellings their documents also use. */
export type ProductCatalogue = { products: readonly { model: string; aliases?: readonly string[] }[] }

/** Compares spellings the way OCR confuses them: O/0, I/l/1, case, spaces and dashes. */
export const modelKey = (s: string): string =>
  s.toUpperCase().replace(/[\s\-_./]/g, '').replace(/O/g, '0').replace(/[IL|]/g, '1')

/**
 * A looser key for catalogue look-ups only, where a unique hit is then confirmed by the rep: also the shapes PP-OCR
 * and tesseract swap in product codes (S/5, B/8, Z/2, G/6, Q/D/0), and a Roman II read as H.
 */
const looseKey = (s: string): string =>
  modelKey(s).replace(/S/g, '5').replace(/B/g, '8').replace(/Z/g, '2').replace(/G/g, '6').replace(/[QD]/g, '0').replace(/H/g, '11')

const BRAND = /^[A-Z][a-z]{2,}\s+/
const isCode = (s: string): boolean => /[A-Za-z]/.test(s) && (/\d/.test(s) || /-[IVX]+$/.test(s))
/** The product's code without its brand word ("Mindray BS-240" → "BS-240"). */
const codeOf = (model: string): string => model.split(/\s+/).filter(isCode).join(' ')

export type CatalogueHit = { model: string; exact: boolean }

/**
 * The catalogue's spelling of a model read from a document: by model or alias under the OCR-tolerant key (a brand word
 * printed or not), else by the looser key when exactly one product matches. `exact` is false when the reading had to
 * be changed for the match, so the caller flags it; a looser match with two candidates is no match.
 */
export function matchCatalogue(read: string, catalogue: ProductCatalogue): CatalogueHit | undefined {
  const key = modelKey(read)
  const unbranded = modelKey(read.replace(BRAND, ''))
  for (const p of catalogue.products) {
    const spellings = [p.model, ...(p.aliases ?? [])]
    if (spellings.some(s => modelKey(s) === key)) return { model: p.model, exact: read === p.model }
    const code = codeOf(p.model)
    // the brand word is printed in some documents and not in others: the document's form wins, the code decides
    if (code && modelKey(code) === key) return { model: code, exact: read === code }
    if (code && BRAND.test(read) && modelKey(code) === unbranded) return { model: p.model, exact: false }
  }
  const loose = looseKey(read.replace(BRAND, ''))
  const hits = catalogue.products.filter(p => [p.model, codeOf(p.model), ...(p.aliases ?? [])].some(s => s && looseKey(s) === loose))
  return hits.length === 1 ? { model: hits[0]!.model, exact: false } : undefined
}

/** Catalogue models printed anywhere in the text, for a page where OCR lost every 型号 label. */
export function catalogueModelsIn(text: string, catalogue: ProductCatalogue): string[] {
  const page = modelKey(text)
  return catalogue.products.map(p => p.model).filter(m => page.includes(modelKey(m)))
}
