/**
 * npm run bench:ocr [-- DIR]   (or OCR_FIXTURES=DIR; default ../shared/fixtures/quotes)
 *
 * Per-field accuracy of the whole pipeline (image → tesseract.js → parseQuote) against truth.json: amount exact to
 * the fen, exact model set, exact validity date (and quote date); seconds per image; CER against the truth `text`;
 * peak RSS. The baseline, measured in the same run when installed: the native tesseract CLI on the same images
 * (`OMP_THREAD_LIMIT=1 tesseract img - -l chi_sim+eng`, one process per image), its time, its CER and the same
 * parser's accuracy on its text. Images are read one at a time on both sides, so the times are latencies.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseQuote, type QuoteFields } from '../core/parsing/quote/parse-quote.js'
import { createOcrEngine, defaultOcrOptions } from '../io/ocr/ocr-engine.js'
import { readQuoteImage } from '../io/ocr/read-quote.js'

type Truth = { file: string; amount: number; models: string[]; modelCodes: string[]; quoteDate: string; validUntil: string; text?: string }
type Outcome = { file: string; fields: QuoteFields | null; text: string; ms: number }

const dir = process.argv.slice(2).find(a => a !== '--') ?? process.env.OCR_FIXTURES ?? join(import.meta.dirname, '..', '..', 'shared', 'fixtures', 'quotes')
const truth = (JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as { images: Truth[] }).images
const out = (s: string): void => { process.stdout.write(`${s}\n`) }

function cer(got: string, want: string): number {
  const clean = (s: string): string[] => [...s.normalize('NFKC').replace(/\s/g, '')]
  const a = clean(got), b = clean(want)
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    prev = cur
  }
  return b.length === 0 ? 0 : prev[b.length]! / b.length
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every(x => b.includes(x))
const fieldHits = (o: Outcome, t: Truth) => ({
  amount: o.fields?.amount !== null && o.fields?.amount !== undefined && Math.round(o.fields.amount * 100) === Math.round(t.amount * 100),
  models: sameSet(o.fields?.models ?? [], t.models),
  modelCodes: sameSet(o.fields?.models ?? [], t.modelCodes),
  quoteDate: o.fields?.quoteDate === t.quoteDate,
  validUntil: o.fields?.validUntil === t.validUntil,
})

function summarise(name: string, outcomes: readonly Outcome[]): number {
  const hits = outcomes.map((o, i) => fieldHits(o, truth[i]!))
  const pct = (k: keyof ReturnType<typeof fieldHits>): string => `${((100 * hits.filter(h => h[k]).length) / hits.length).toFixed(0)}%`
  const withText = outcomes.flatMap((o, i) => (truth[i]!.text ? [cer(o.text, truth[i]!.text!)] : []))
  const meanCer = withText.length ? (withText.reduce((s, c) => s + c, 0) / withText.length).toFixed(3) : 'n/a'
  const seconds = outcomes.reduce((s, o) => s + o.ms, 0) / outcomes.length / 1000
  out(`${name.padEnd(22)} amount ${pct('amount').padStart(4)}  models ${pct('models').padStart(4)} (codes ${pct('modelCodes')})  validUntil ${pct('validUntil').padStart(4)}  quoteDate ${pct('quoteDate').padStart(4)}  CER ${meanCer}  ${seconds.toFixed(2)} s/image`)
  return seconds
}

const hasNative = spawnSync('tesseract', ['--version']).status === 0

function runNative(t: Truth): Outcome {
  const started = performance.now()
  const r = spawnSync('tesseract', [join(dir, t.file), '-', '-l', 'chi_sim+eng'], { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, encoding: 'utf8' })
  return { file: t.file, fields: parseQuote({ text: r.stdout }), text: r.stdout, ms: performance.now() - started }
}

/** Ours and the native CLI take turns image by image, so load from other processes falls on both alike. */
async function run(): Promise<{ ours: Outcome[]; native: Outcome[] }> {
  const engine = createOcrEngine('tesseract', { ...defaultOcrOptions(process.env, 1), workers: 1 })
  const ours: Outcome[] = []
  const native: Outcome[] = []
  try {
    for (const t of truth) {
      const r = await readQuoteImage(engine, readFileSync(join(dir, t.file)))
      ours.push(r.ok ? { file: t.file, fields: r.value, text: r.value.text, ms: r.value.ms } : { file: t.file, fields: null, text: '', ms: 0 })
      if (!r.ok) console.error(`${t.file}: ${r.error.code}`)
      if (hasNative) native.push(runNative(t))
    }
  } finally {
    await engine.close()
  }
  return { ours, native }
}

out(`OCR bench on ${truth.length} images in ${dir}`)
const { ours, native } = await run()
const peakRssMb = process.resourceUsage().maxRSS / 1024
for (const [i, o] of ours.entries()) {
  const h = fieldHits(o, truth[i]!)
  const mark = (ok: boolean): string => (ok ? 'ok' : 'XX')
  const nativeMs = native[i] ? ` (native ${Math.round(native[i]!.ms)} ms)` : ''
  out(`  ${o.file}  amount ${mark(h.amount)} ${o.fields?.amount ?? null}  models ${mark(h.models)} ${JSON.stringify(o.fields?.models ?? [])}  validUntil ${mark(h.validUntil)} ${o.fields?.validUntil ?? null}  ${o.ms} ms${nativeMs}  ${(o.fields?.flags ?? ['error']).join(',')}`)
}
const oursSeconds = summarise('tesseract.js (ours)', ours)
out(`peak RSS (process incl. OCR workers): ${peakRssMb.toFixed(0)} MB`)
if (hasNative) {
  const nativeSeconds = summarise('native tesseract CLI', native)
  out(`time ratio ours / native: ${(oursSeconds / nativeSeconds).toFixed(2)}× (target ≤ 1.5×)`)
} else out('native tesseract CLI not installed: no baseline')
