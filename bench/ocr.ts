/**
 * npm run bench:ocr [-- DIR]   (or OCR_FIXTURES=DIR; default ../shared/fixtures/quotes)
 *
 * Every installed OCR engine side by side on the same images, each in a process of its own so that its peak RSS is
 * its own: per-field accuracy of the whole pipeline (image → engine → parseQuote) against truth.json (amount exact to
 * the fen, exact model set, exact validity date, quote date), CER against the truth `text`, ms per image, peak RSS.
 * The baseline, measured in the same run when installed: the native tesseract CLI (`OMP_THREAD_LIMIT=1 tesseract img
 * - -l chi_sim+eng`, one process per image) with the same parser; engine times are also printed as a ratio to it.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseQuote, type QuoteFields } from '../core/parsing/quote/parse-quote.js'
import { createOcrEngine, defaultOcrOptions, isOcrEngineName, OCR_ENGINE_NAMES, type OcrEngineName } from '../io/ocr/ocr-engine.js'
import { paddleModelsPresent } from '../io/ocr/paddle.client.js'
import { readQuoteImage } from '../io/ocr/read-quote.js'

type Truth = { file: string; amount: number; models: string[]; modelCodes: string[]; quoteDate: string; validUntil: string; text?: string }
type Outcome = { file: string; fields: QuoteFields | null; text: string; ms: number }
type EngineRun = { outcomes: Outcome[]; peakRssMb: number }

const args = process.argv.slice(2).filter(a => a !== '--')
const childEngine = args[0] === '--child' ? args[1] : undefined
const dir = (childEngine ? args[2] : args[0]) ?? process.env.OCR_FIXTURES ?? join(import.meta.dirname, '..', '..', 'shared', 'fixtures', 'quotes')
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

/** Child side: one engine over every image, one at a time (latencies), then the outcomes as one JSON line. */
async function runEngine(name: OcrEngineName): Promise<void> {
  const engine = createOcrEngine(name, { ...defaultOcrOptions(process.env, 2), workers: 1 })
  const outcomes: Outcome[] = []
  try {
    for (const t of truth) {
      const r = await readQuoteImage(engine, readFileSync(join(dir, t.file)))
      outcomes.push(r.ok ? { file: t.file, fields: r.value, text: r.value.text, ms: r.value.ms } : { file: t.file, fields: null, text: '', ms: 0 })
      if (!r.ok) console.error(`${name} ${t.file}: ${r.error.code}`)
    }
  } finally {
    await engine.close()
  }
  const run: EngineRun = { outcomes, peakRssMb: process.resourceUsage().maxRSS / 1024 }
  process.stdout.write(`${JSON.stringify(run)}\n`)
}

function spawnEngine(name: OcrEngineName): EngineRun | null {
  const r = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, '--child', name, dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  const last = r.stdout.trim().split('\n').at(-1) ?? ''
  if (r.status !== 0 || !last.startsWith('{')) { console.error(`${name}: failed (${r.status})\n${r.stderr.slice(-2000)}`); return null }
  return JSON.parse(last) as EngineRun
}

function runNative(t: Truth): Outcome {
  const started = performance.now()
  const r = spawnSync('tesseract', [join(dir, t.file), '-', '-l', 'chi_sim+eng'], { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, encoding: 'utf8' })
  return { file: t.file, fields: parseQuote({ text: r.stdout }), text: r.stdout, ms: performance.now() - started }
}

function installed(name: OcrEngineName): boolean {
  const o = defaultOcrOptions(process.env, 2)
  return name === 'paddle' ? paddleModelsPresent(o.paddle.modelDir) : existsSync(join(o.tesseract.langPath, 'chi_sim.traineddata'))
}

function summary(name: string, outcomes: readonly Outcome[], rss: string, baselineMs: number | null): string {
  const hits = outcomes.map((o, i) => fieldHits(o, truth[i]!))
  const pct = (k: keyof ReturnType<typeof fieldHits>): string => `${hits.filter(h => h[k]).length}/${hits.length}`
  const cers = outcomes.flatMap((o, i) => (truth[i]!.text ? [cer(o.text, truth[i]!.text!)] : []))
  const meanCer = cers.length ? (cers.reduce((s, c) => s + c, 0) / cers.length).toFixed(3) : 'n/a'
  const ms = outcomes.reduce((s, o) => s + o.ms, 0) / outcomes.length
  const ratio = baselineMs ? `${(ms / baselineMs).toFixed(2)}×` : 'n/a'
  return `${name.padEnd(14)} ${pct('amount').padStart(6)} ${pct('models').padStart(6)} ${pct('modelCodes').padStart(6)} ${pct('validUntil').padStart(6)} ${pct('quoteDate').padStart(6)}  ${meanCer.padStart(5)}  ${ms.toFixed(0).padStart(6)}  ${ratio.padStart(6)}  ${rss.padStart(6)}`
}

function perImage(name: string, outcomes: readonly Outcome[]): void {
  const mark = (ok: boolean): string => (ok ? 'ok' : 'XX')
  for (const [i, o] of outcomes.entries()) {
    const h = fieldHits(o, truth[i]!)
    out(`  ${name.padEnd(10)} ${o.file}  amount ${mark(h.amount)} ${o.fields?.amount ?? null}  models ${mark(h.models)} ${JSON.stringify(o.fields?.models ?? [])}  validUntil ${mark(h.validUntil)} ${o.fields?.validUntil ?? null}  ${Math.round(o.ms)} ms  ${(o.fields?.flags ?? ['error']).join(',')}`)
  }
}

if (childEngine) {
  if (!isOcrEngineName(childEngine)) throw new Error(`unknown engine ${childEngine}`)
  await runEngine(childEngine)
} else {
  out(`OCR bench on ${truth.length} images in ${dir}`)
  const runs = OCR_ENGINE_NAMES.filter(installed).flatMap(name => { const r = spawnEngine(name); return r ? [[name, r] as const] : [] })
  const native = spawnSync('tesseract', ['--version']).status === 0 ? truth.map(runNative) : null
  for (const [name, r] of runs) perImage(name, r.outcomes)
  const baselineMs = native ? native.reduce((s, o) => s + o.ms, 0) / native.length : null
  out(`\n${'engine'.padEnd(14)} ${'amount'.padStart(6)} ${'models'.padStart(6)} ${'codes'.padStart(6)} ${'valid'.padStart(6)} ${'qdate'.padStart(6)}  ${'CER'.padStart(5)}  ${'ms/img'.padStart(6)}  ${'×CLI'.padStart(6)}  ${'RSS MB'.padStart(6)}`)
  for (const [name, r] of runs) out(summary(name, r.outcomes, r.peakRssMb.toFixed(0), baselineMs))
  if (native) out(summary('native CLI', native, 'n/a', baselineMs))
  else out('native tesseract CLI not installed: no baseline')
}
