/**
 * npm run ocr -- [--engine paddle|tesseract|auto] [--catalogue FILE.yaml] FILE...
 *
 * The engine defaults to OCR_ENGINE, else auto (PP-OCR when its models are installed and memory allows).
 *
 * One JSON object per line on stdout, in the order of the files:
 *   {"file","amount","models","quoteDate","validUntil","confidence":{...},"ms"}
 * or {"file","error":{"code","message"}} for a file that could not be read. Exit 0 when every file was processed.
 * This is the contract for measuring accuracy on quote sets kept outside the repo: keep it stable.
 */
import { readFile } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { parseArgs } from 'node:util'
import { loadProductCatalogue } from '../config/products/catalogue.js'
import { renderMessage, type ErrorCode } from '../core/errors.js'
import { availableMemory } from '../io/ocr/engine-choice.js'
import { createOcrEngine, defaultOcrOptions, isOcrEngineChoice, resolveOcrEngine } from '../io/ocr/ocr-engine.js'
import { readQuoteImage } from '../io/ocr/read-quote.js'

// tesseract's wasm worker writes its diagnostics to stdout; only our JSON lines may go there
const emit = process.stdout.write.bind(process.stdout)
process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write
const printLine = (o: object): Promise<void> => new Promise(resolve => emit(`${JSON.stringify(o)}\n`, () => resolve()))

const { values, positionals: files } = parseArgs({
  allowPositionals: true,
  options: { engine: { type: 'string', default: process.env.OCR_ENGINE || 'auto' }, catalogue: { type: 'string' } },
})
if (!isOcrEngineChoice(values.engine) || files.length === 0) {
  console.error('usage: npm run ocr -- [--engine paddle|tesseract|auto] [--catalogue FILE.yaml] FILE...')
  process.exit(2)
}
const catalogue = values.catalogue ? loadProductCatalogue(values.catalogue) : undefined
const options = defaultOcrOptions(process.env, availableParallelism())
const engine = createOcrEngine(resolveOcrEngine(values.engine, options, availableMemory()), options)

const failure = (file: string, code: ErrorCode, params?: Record<string, string>) =>
  ({ file, error: { code, message: renderMessage(code, params).en } })

async function processFile(file: string): Promise<object> {
  let image: Buffer
  try {
    image = await readFile(file)
  } catch {
    return failure(file, 'NOT_FOUND', { what: file })
  }
  const read = await readQuoteImage(engine, image, catalogue ? { catalogue } : {})
  if (!read.ok) return failure(file, read.error.code, read.error.params as Record<string, string> | undefined)
  const { amount, models, quoteDate, validUntil, confidence, ms } = read.value
  return { file, amount, models, quoteDate, validUntil, confidence, ms }
}

// as many files in flight as there are tesseract workers (PP-OCR reads one at a time over all cores); results are printed in the order the files were given
const results: Promise<object>[] = []
let started = 0
const startNext = (): Promise<object> | undefined => {
  const i = started++
  if (i >= files.length) return undefined
  const p = processFile(files[i]!).catch(e => failure(files[i]!, 'INTERNAL', { requestId: String(e) }))
  results[i] = p
  return p
}
const lane = async (): Promise<void> => { for (let p = startNext(); p; p = startNext()) await p }
const lanes = Promise.all(Array.from({ length: engine.name === 'paddle' ? 1 : options.workers }, lane))
let failed = 0
for (let i = 0; i < files.length; i++) {
  while (results[i] === undefined) await new Promise(resolve => setImmediate(resolve))
  const line = await results[i]!
  if ('error' in line) failed++
  await printLine(line)
}
await lanes
await engine.close()
process.exit(failed > 0 ? 1 : 0)
