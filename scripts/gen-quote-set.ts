/**
 * npx tsx scripts/gen-quote-set.ts --out DIR [--n 60] [--seed 1] [--set NAME] [--text-only]
 *
 * Writes N synthetic quote images and DIR/truth.json in the dev set's format (../shared/fixtures/quotes/README.md),
 * so that `npm run bench:ocr -- DIR` and `npm run ocr -- FILE` measure on them. Layouts (item table, letter, spec
 * sheet, chat screenshot, spreadsheet, webmail), fonts, total labels and amount forms, model-code shapes, date and
 * validity forms, distractors and degradations are drawn from a seeded generator: one seed to find failures on,
 * another kept for the held-out measure. Extra truth fields: `validity.kind` may also be slash, dot or months.
 * --text-only writes truth.json without rendering (the parser alone on perfect text: score.ts --engine truth after
 * writing each image's `text` as DIR/ocr-truth.json).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import sharp from 'sharp'
import { createQuoteDoc, type QuoteDoc } from './quote-set/content.js'
import { chooseDegradations, degrade } from './quote-set/degrade.js'
import { letterQuote, specSheet, tableQuote } from './quote-set/layouts-doc.js'
import { chatScreenshot, spreadsheet, webmail } from './quote-set/layouts-screen.js'
import { createRng, type Rng } from './quote-set/random.js'
import type { Page } from './quote-set/svg.js'

const LAYOUTS: Record<string, { draw: (doc: QuoteDoc, rng: Rng) => Page; paper: boolean }> = {
  table: { draw: tableQuote, paper: true },
  letter: { draw: letterQuote, paper: true },
  spec: { draw: specSheet, paper: true },
  wechat: { draw: chatScreenshot, paper: false },
  spreadsheet: { draw: spreadsheet, paper: false },
  webmail: { draw: webmail, paper: false },
}

const { values } = parseArgs({ options: { out: { type: 'string' }, n: { type: 'string', default: '60' }, seed: { type: 'string', default: '1' }, set: { type: 'string' }, 'text-only': { type: 'boolean', default: false } } })
if (!values.out) {
  console.error('usage: npx tsx scripts/gen-quote-set.ts --out DIR [--n 60] [--seed 1] [--set NAME]')
  process.exit(2)
}
const seed = Number(values.seed)
const rng = createRng(seed)
const set = values.set ?? `synthetic-${seed}`
mkdirSync(values.out, { recursive: true })

const images = []
for (let i = 1; i <= Number(values.n); i++) {
  const layout = rng.pick(Object.keys(LAYOUTS))
  const { draw, paper } = LAYOUTS[layout]!
  let doc = createQuoteDoc(rng)
  // a spec sheet shows one product
  if (layout === 'spec') doc = { ...doc, ...oneItem(doc) }
  const page = draw(doc, rng)
  const steps = chooseDegradations(rng, paper, page.total !== null)
  let file = `q-${set}-${String(i).padStart(3, '0')}.png`
  if (!values['text-only']) {
    const png = await sharp(Buffer.from(page.svg())).png().toBuffer()
    const { image, ext } = await degrade(png, steps, rng, page.total, doc.company.name)
    file = file.replace(/png$/, ext)
    writeFileSync(join(values.out, file), image)
  }
  images.push({
    file, amount: doc.totalFen / 100, models: doc.items.map(it => it.model), modelCodes: doc.items.map(it => it.code),
    validUntil: doc.validUntil, quoteDate: doc.quoteDate,
    validity: { kind: doc.validity.kind, ...(doc.validity.days ? { days: doc.validity.days } : {}), ...(doc.validity.months ? { months: doc.validity.months } : {}) },
    amountFormat: doc.amountFormat, company: doc.company.name, layout, degradations: steps.length ? steps : ['none'], text: page.lines.join('\n'),
  })
  process.stdout.write(`${file}\t${layout}\t${steps.join(',') || 'none'}\n`)
}
writeFileSync(join(values.out, 'truth.json'), `${JSON.stringify({ set, seed, images }, null, 1)}\n`)
if (values['text-only']) writeFileSync(join(values.out, 'ocr-truth.json'), JSON.stringify(images.map(({ file, text }) => ({ file, text }))))

/** The first item alone, with the summary recomputed for it (a spec sheet prices one product). */
function oneItem(doc: QuoteDoc): Partial<QuoteDoc> {
  if (doc.items.length === 1) return {}
  const solo = createRng(seed * 1000 + doc.items[0]!.priceFen % 997)
  for (let k = 0; k < 50; k++) {
    const d = createQuoteDoc(solo)
    if (d.items.length === 1) return { items: d.items, summary: d.summary, totalFen: d.totalFen, amountFormat: d.amountFormat, daxie: d.daxie }
  }
  return {}
}
