/**
 * npx tsx scripts/quote-set/score.ts DIR [--engine paddle] [--all] [--catalogue-from-truth]
 *
 * Parses the OCR text cached by ocr-cache.ts with the current parser and scores it against DIR/truth.json the way
 * bench:ocr does (the same fieldHits: amount to the fen, exact model set — with brands, and by code alone — exact dates). Prints each miss with
 * what was read, then the per-field totals. --catalogue-from-truth gives the parser a product catalogue holding every
 * model of the set, as a tenant that keeps its catalogue would (the catalogue path's OCR tolerance, not the parser's alone).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { orderLines, type RawLine } from '../../core/parsing/quote/ocr-lines.js'
import { parseQuote } from '../../core/parsing/quote/parse-quote.js'
import { fieldHits, readTruth } from './truth.js'

type Cached = { file: string; text?: string; raw?: RawLine[]; error?: string }

const { values, positionals } = parseArgs({ allowPositionals: true, options: { engine: { type: 'string', default: 'paddle' }, all: { type: 'boolean', default: false }, 'catalogue-from-truth': { type: 'boolean', default: false } } })
const dir = positionals[0]!
const truth = readTruth(dir)
const cached = new Map((JSON.parse(readFileSync(join(dir, `ocr-${values.engine}.json`), 'utf8')) as Cached[]).map(c => [c.file, c]))
const catalogue = values['catalogue-from-truth'] ? { products: [...new Set(truth.flatMap(t => t.models))].map(model => ({ model })) } : undefined

const hits = { amount: 0, models: 0, modelCodes: 0, validUntil: 0, quoteDate: 0 }
/** Per field: wrong with no flag on that field (a silent miss), and flagged (what the rep is asked to look at). */
const silent = { amount: 0, models: 0, validUntil: 0 }, flagged = { amount: 0, models: 0, validUntil: 0 }
const FLAG_OF = { amount: /^amount_/, models: /^models?_/, validUntil: /^validUntil_/ } as const
for (const t of truth) {
  const c = cached.get(t.file)
  const f = c?.text !== undefined ? parseQuote({ text: c.text, lines: orderLines(c.raw ?? []) }, catalogue ? { catalogue } : {}) : null
  const h = fieldHits(f, t)
  for (const k of Object.keys(hits) as (keyof typeof hits)[]) if (h[k]) hits[k]++
  for (const k of Object.keys(silent) as (keyof typeof silent)[]) {
    const isFlagged = f?.flags.some(x => FLAG_OF[k].test(x)) ?? true
    if (isFlagged) flagged[k]++
    else if (!h[k]) silent[k]++
  }
  if (values.all || !h.amount || !h.models || !h.validUntil) {
    const miss = (k: keyof typeof h, got: unknown, want: unknown): string => (h[k] ? `${k} ok` : `${k} XX ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`)
    console.log(`${t.file} [${t.layout ?? '-'}; ${(t.degradations ?? []).join(',')}]  ${miss('amount', f?.amount, t.amount)} | ${miss('models', f?.models, t.models)} | ${miss('validUntil', f?.validUntil, t.validUntil)} (quote ${f?.quoteDate} vs ${t.quoteDate}) | flags ${f?.flags.join(',')}`)
  }
}
const n = truth.length
console.log(`\n${n} images: amount ${hits.amount}/${n}  models ${hits.models}/${n}  codes ${hits.modelCodes}/${n}  validUntil ${hits.validUntil}/${n}  quoteDate ${hits.quoteDate}/${n}`)
console.log(`flagged for review: amount ${flagged.amount}, models ${flagged.models}, validUntil ${flagged.validUntil}; wrong and not flagged: amount ${silent.amount}, models ${silent.models}, validUntil ${silent.validUntil}`)
