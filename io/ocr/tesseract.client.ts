import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { createWorker, OEM, PSM, type InitOptions, type Line, type Page, type Worker } from 'tesseract.js'
import { reject } from '../../core/errors.js'
import { orderLines, type RawLine } from '../../core/parsing/quote/ocr-lines.js'
import { err, ok } from '../../core/result.js'
import { checkImageHeader } from './image-prep.js'
import type { OcrEngine, OcrEngineOptions } from './ocr-engine.js'
import { codeRuns, codeStrip, readingsByBand, spliceRun } from './tesseract-codes.js'
import { prepareTesseractImage, tesseractPng, type TesseractPage } from './tesseract-prep.js'

const CODE_LANG = 'eng'
const LANGS = ['chi_sim', CODE_LANG]

/** Fewer recognised characters than this on a page is no quote: a photo of a wall, a seal, a logo. */
const MIN_TEXT_CHARS = 8

/**
 * No inverted second reading: by default tesseract reads every low-confidence line a second time inverted (white
 * on dark), which on a quote mostly re-reads table rules and smudges. SINGLE_COLUMN: a quote is read row by row,
 * so a label and its amount at the two ends of a table row stay one line (auto layout also spends time looking for
 * columns and tables it then reads apart).
 * English only as a fallback: with chi_sim+eng tesseract reads a word again with eng whenever the chi_sim reading
 * is below a certainty bar, and at the default bar (-2.5) that is most Chinese words, for a quarter of the time and
 * Latin garbage in place of Chinese (小计 → "ait"). At ENG_RETRY_CERTAINTY only words chi_sim really cannot read
 * (a model code chi_sim turns into 刀-100T, a ¥ it turns into 半) go to eng. On the dev set -10 and -20 keep every
 * field (same text error rate; -20 about 9 % less CPU) and -40 loses a ¥ amount.
 */
const ENG_RETRY_CERTAINTY = -20
const RECOGNITION_PARAMS = {
  tessedit_do_invert: '0',
  tessedit_pageseg_mode: PSM.SINGLE_COLUMN,
  stopper_nondict_certainty_base: String(ENG_RETRY_CERTAINTY),
} as const
/**
 * Set at load: the LSTM without its own word lists. With them, the stopper bar above is read from the recogniser's
 * private settings, which cannot be changed; the dev-set fields are the same or better without them.
 */
// any tesseract init-only setting goes through; the typings list only the dawg switches
const INIT_PARAMS: Partial<InitOptions> & Record<string, string> = { lstm_use_matrix: '0' }

/**
 * The second reader: English alone, for the stretches of Latin letters and digits chi_sim read (tesseract-codes.ts),
 * as lines of one block, with the characters of a model code only.
 */
const CODE_PARAMS = {
  tessedit_do_invert: '0',
  tessedit_pageseg_mode: PSM.SINGLE_BLOCK,
  tessedit_char_whitelist: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-/.() ',
} as const

type Readers = { page: Worker; codes: Worker }

async function startWorker(langPath: string): Promise<Readers> {
  for (const lang of LANGS) {
    // without the file tesseract.js would try to download it (and hang or crash offline)
    if (!existsSync(join(langPath, `${lang}.traineddata`))) throw new Error(`OCR traineddata missing: ${join(langPath, lang)}.traineddata`)
  }
  // cacheMethod 'none': the default copies the traineddata into the process CWD and prefers that copy later
  const options = { langPath, gzip: false, cacheMethod: 'none' }
  const [page, codes] = await Promise.all([createWorker(LANGS, OEM.LSTM_ONLY, options, INIT_PARAMS), createWorker(CODE_LANG, OEM.LSTM_ONLY, options, INIT_PARAMS)])
  await page.setParameters(RECOGNITION_PARAMS)
  await codes.setParameters(CODE_PARAMS)
  return { page, codes }
}

/** A fixed set of workers handed out one recognition at a time; created on first use, reused after. */
function createPool(size: number, start: () => Promise<Readers>) {
  let all: Promise<Readers[]> | undefined
  const idle: Readers[] = []
  const waiting: ((w: Readers) => void)[] = []
  const acquire = async (): Promise<Readers> => {
    if (!all) {
      all = Promise.all(Array.from({ length: size }, start))
      all.then(ws => idle.push(...ws), () => { all = undefined })
    }
    await all
    const w = idle.pop()
    return w ?? new Promise<Readers>(resolve => waiting.push(resolve))
  }
  const release = (w: Readers): void => {
    const next = waiting.shift()
    if (next) next(w)
    else idle.push(w)
  }
  const close = async (): Promise<void> => {
    const ws = all ? await all.catch(() => []) : []
    all = undefined
    idle.length = 0
    await Promise.all(ws.flatMap(w => [w.page.terminate(), w.codes.terminate()]))
  }
  return { acquire, release, close }
}

const pageLines = (page: Page): Line[] => (page.blocks ?? []).flatMap(b => b.paragraphs.flatMap(p => p.lines))

/**
 * The page's lines, with the stretches that may hold a model code read a second time by English (one call for all
 * of them, on a strip cut from the page) and spliced into the line's text.
 */
async function readLines(readers: Readers, prepared: TesseractPage): Promise<RawLine[]> {
  const page = (await readers.page.recognize(prepared.png, {}, { text: true, blocks: true })).data
  const lines = pageLines(page)
  const texts = lines.map(l => l.text.trim())
  const runs = codeRuns(lines)
  if (runs.length > 0) {
    const strip = codeStrip(prepared.grey, prepared.width, prepared.height, runs)
    const png = await tesseractPng(strip.pixels, strip.width, strip.height)
    const read = (await readers.codes.recognize(png, {}, { blocks: true })).data
    const readings = readingsByBand(pageLines(read).flatMap(l => l.words), strip.bands)
    runs.forEach((run, k) => { texts[run.line] = spliceRun(texts[run.line]!, run, readings[k]!) })
  }
  return lines.map((l, i) => ({ text: texts[i]!, bbox: l.bbox, confidence: l.confidence / 100, baseline: l.baseline }))
}

export function createTesseractEngine(options: OcrEngineOptions): OcrEngine {
  const pool = createPool(options.workers, () => startWorker(options.tesseract.langPath))
  return {
    name: 'tesseract',
    async recognise(image) {
      // refusals from the header need no worker; a worker is taken before decoding, so at most `workers`
      // images are decoded at once whatever the number of callers
      const header = await checkImageHeader(image, options.limits)
      if (!header.ok) return header
      const readers = await pool.acquire()
      const started = performance.now()
      let raw: RawLine[]
      try {
        const prepared = await prepareTesseractImage(image, options.limits.maxPixels)
        if (!prepared.ok) return prepared
        raw = await readLines(readers, prepared.value)
      } finally {
        pool.release(readers)
      }
      const lines = orderLines(raw)
      const text = lines.map(l => l.text).join('\n')
      if (text.replace(/\s/g, '').length < MIN_TEXT_CHARS) return err(reject('QUOTE_IMAGE_UNREADABLE'))
      return ok({ text, lines, ms: Math.round(performance.now() - started) })
    },
    close: () => pool.close(),
  }
}
