/**
 * npx tsx scripts/quote-set/ocr-cache.ts DIR [--engine paddle]
 *
 * Reads every image of DIR/truth.json once with one engine (one image at a time) and keeps what it read in
 * DIR/ocr-<engine>.json (the raw lines before rows are rebuilt, and the text), so that parser changes are measured
 * again in seconds with score.ts instead of re-running OCR. DIR must be writable (copy a read-only set first).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { register } from 'node:module'
import { join } from 'node:path'
import { parseArgs } from 'node:util'

register('./raw-lines-hook.ts', import.meta.url)
const { createOcrEngine, defaultOcrOptions, isOcrEngineName } = await import('../../io/ocr/ocr-engine.js')
const { lastPage } = await import('./raw-lines.js')

const { values, positionals } = parseArgs({ allowPositionals: true, options: { engine: { type: 'string', default: 'paddle' } } })
const dir = positionals[0]
if (!dir || !isOcrEngineName(values.engine)) {
  console.error('usage: npx tsx scripts/quote-set/ocr-cache.ts DIR [--engine paddle|tesseract]')
  process.exit(2)
}
const truth = (JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as { images: { file: string }[] }).images
const engine = createOcrEngine(values.engine, { ...defaultOcrOptions(process.env, 2), workers: 1 })
const read = []
try {
  for (const { file } of truth) {
    const r = await engine.recognise(readFileSync(join(dir, file)))
    read.push(r.ok ? { file, text: r.value.text, raw: lastPage.raw, ms: r.value.ms } : { file, error: r.error.code })
    process.stderr.write(`${file} ${r.ok ? `${Math.round(r.value.ms)} ms` : r.error.code}\n`)
  }
} finally {
  await engine.close()
}
writeFileSync(join(dir, `ocr-${values.engine}.json`), JSON.stringify(read))
