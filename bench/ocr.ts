/**
 * npm run bench:ocr [-- DIR]   (or OCR_FIXTURES=DIR; default ../shared/fixtures/quotes)
 *
 * Every installed OCR engine side by side on the same images, each in a process of its own so that its peak RSS is
 * its own: per-field accuracy of the whole pipeline (image → engine → parseQuote) against truth.json (amount exact to
 * the fen, exact model set, exact validity date, quote date), CER against the truth `text`, ms per image, peak RSS.
 * The baseline, measured in the same run when installed: the native tesseract CLI (`OMP_THREAD_LIMIT=1 tesseract img
 * - -l chi_sim+eng`, one process per image, run before and after the engines and averaged, since other processes'
 * load drifts) with the same parser; engine times are printed as a ratio to it, in wall time and in CPU time (the
 * CLI's from /usr/bin/time when installed; the engines' over all their threads).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseQuote, type QuoteFields } from '../core/parsing/quote/parse-quote.js'
import { createOcrEngine, defaultOcrOptions, isOcrEngineName, OCR_ENGINE_NAMES, type OcrEngineName } from '../io/ocr/ocr-engine.js'
import { paddleModelsPresent } from '../io/ocr/paddle.client.js'
import { readQuoteImage } from '../io/ocr/read-quote.js'
import { fieldHits, readTruth, type QuoteTruth } from '../scripts/quote-set/truth.js'

type Outcome = { file: string; fields: QuoteFields | null; text: string; ms: number; cpuMs?: number }
type EngineRun = { outcomes: Outcome[]; peakRssMb: number }

const args = process.argv.slice(2).filter(a => a !== '--')
const childEngine = args[0] === '--child' ? args[1] : undefined
const dir = (childEngine ? args[2] : args[0]) ?? process.env.OCR_FIXTURES ?? join(import.meta.dirname, '..', '..', 'shared', 'fixtures', 'quotes')
const truth = readTruth(dir)
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


/** Child side: one engine over every image, one at a time (latencies), then the outcomes as one JSON line. */
async function runEngine(name: OcrEngineName): Promise<void> {
  const engine = createOcrEngine(name, { ...defaultOcrOptions(process.env, 2), workers: 1 })
  const outcomes: Outcome[] = []
  try {
    for (const t of truth) {
      const cpu = process.cpuUsage()
      const r = await readQuoteImage(engine, readFileSync(join(dir, t.file)))
      const used = process.cpuUsage(cpu)
      const cpuMs = (used.user + used.system) / 1000
      outcomes.push(r.ok ? { file: t.file, fields: r.value, text: r.value.text, ms: r.value.ms, cpuMs } : { file: t.file, fields: null, text: '', ms: 0, cpuMs })
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

const TIME = '/usr/bin/time'

/** One CLI process per image; its CPU time from /usr/bin/time when installed (the machine is shared: CPU time drifts less than wall time). */
function runNative(t: QuoteTruth): Outcome {
  const started = performance.now()
  const args = [join(dir, t.file), '-', '-l', 'chi_sim+eng']
  const timed = existsSync(TIME)
  const r = spawnSync(timed ? TIME : 'tesseract', timed ? ['-f', 'CPU %U %S', 'tesseract', ...args] : args, { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, encoding: 'utf8' })
  const cpu = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr)
  return { file: t.file, fields: parseQuote({ text: r.stdout }), text: r.stdout, ms: performance.now() - started, ...(cpu ? { cpuMs: (Number(cpu[1]) + Number(cpu[2])) * 1000 } : {}) }
}

/** The CLI before and after the engines, averaged per image: load from other processes drifts during a run. */
function runNativeBracketing(runEngines: () => void): Outcome[] | null {
  if (spawnSync('tesseract', ['--version']).status !== 0) { runEngines(); return null }
  const before = truth.map(runNative)
  runEngines()
  const after = truth.map(runNative)
  return before.map((b, i) => ({ ...b, ms: (b.ms + after[i]!.ms) / 2, ...(b.cpuMs !== undefined ? { cpuMs: (b.cpuMs + after[i]!.cpuMs!) / 2 } : {}) }))
}

function installed(name: OcrEngineName): boolean {
  const o = defaultOcrOptions(process.env, 2)
  return name === 'paddle' ? paddleModelsPresent(o.paddle.modelDir) : existsSync(join(o.tesseract.langPath, 'chi_sim.traineddata'))
}

function summary(name: string, outcomes: readonly Outcome[], rss: string, baseline: { ms: number; cpuMs: number | null } | null): string {
  const hits = outcomes.map((o, i) => fieldHits(o.fields, truth[i]!))
  const pct = (k: keyof ReturnType<typeof fieldHits>): string => `${hits.filter(h => h[k]).length}/${hits.length}`
  const cers = outcomes.flatMap((o, i) => (truth[i]!.text ? [cer(o.text, truth[i]!.text!)] : []))
  const meanCer = cers.length ? (cers.reduce((s, c) => s + c, 0) / cers.length).toFixed(3) : 'n/a'
  const ms = outcomes.reduce((s, o) => s + o.ms, 0) / outcomes.length
  const cpuMs = meanCpu(outcomes)
  const ratio = baseline ? `${(ms / baseline.ms).toFixed(2)}×` : 'n/a'
  const cpuRatio = baseline?.cpuMs && cpuMs !== null ? `${(cpuMs / baseline.cpuMs).toFixed(2)}×` : 'n/a'
  return `${name.padEnd(14)} ${pct('amount').padStart(6)} ${pct('models').padStart(6)} ${pct('modelCodes').padStart(6)} ${pct('validUntil').padStart(6)} ${pct('quoteDate').padStart(6)}  ${meanCer.padStart(5)}  ${ms.toFixed(0).padStart(6)}  ${ratio.padStart(6)}  ${(cpuMs?.toFixed(0) ?? 'n/a').padStart(6)}  ${cpuRatio.padStart(6)}  ${rss.padStart(6)}`
}

function meanCpu(outcomes: readonly Outcome[]): number | null {
  return outcomes.every(o => o.cpuMs !== undefined) ? outcomes.reduce((s, o) => s + o.cpuMs!, 0) / outcomes.length : null
}

function perImage(name: string, outcomes: readonly Outcome[]): void {
  const mark = (ok: boolean): string => (ok ? 'ok' : 'XX')
  for (const [i, o] of outcomes.entries()) {
    const h = fieldHits(o.fields, truth[i]!)
    out(`  ${name.padEnd(10)} ${o.file}  amount ${mark(h.amount)} ${o.fields?.amount ?? null}  models ${mark(h.models)} ${JSON.stringify(o.fields?.models ?? [])}  validUntil ${mark(h.validUntil)} ${o.fields?.validUntil ?? null}  ${Math.round(o.ms)} ms  ${(o.fields?.flags ?? ['error']).join(',')}`)
  }
}

if (childEngine) {
  if (!isOcrEngineName(childEngine)) throw new Error(`unknown engine ${childEngine}`)
  await runEngine(childEngine)
} else {
  out(`OCR bench on ${truth.length} images in ${dir}`)
  let runs: (readonly [OcrEngineName, EngineRun])[] = []
  const native = runNativeBracketing(() => {
    runs = OCR_ENGINE_NAMES.filter(installed).flatMap(name => { const r = spawnEngine(name); return r ? [[name, r] as const] : [] })
  })
  for (const [name, r] of runs) perImage(name, r.outcomes)
  const baseline = native ? { ms: native.reduce((s, o) => s + o.ms, 0) / native.length, cpuMs: meanCpu(native) } : null
  out(`\n${'engine'.padEnd(14)} ${'amount'.padStart(6)} ${'models'.padStart(6)} ${'codes'.padStart(6)} ${'valid'.padStart(6)} ${'qdate'.padStart(6)}  ${'CER'.padStart(5)}  ${'ms/img'.padStart(6)}  ${'×CLI'.padStart(6)}  ${'CPU ms'.padStart(6)}  ${'×CLI'.padStart(6)}  ${'RSS MB'.padStart(6)}`)
  for (const [name, r] of runs) out(summary(name, r.outcomes, r.peakRssMb.toFixed(0), baseline))
  if (native) out(summary('native CLI', native, 'n/a', baseline))
  else out('native tesseract CLI not installed: no baseline')
}
