import type { Rejection } from '../../core/errors.js'
import type { OcrLine } from '../../core/parsing/quote/ocr-lines.js'
import type { Result } from '../../core/result.js'
import { DEFAULT_IMAGE_LIMITS, type ImageLimits } from './image-prep.js'
import { createPaddleEngine, installedPaddleModelDir, paddleModelsPresent } from './paddle.client.js'
import { createTesseractEngine } from './tesseract.client.js'

/** What an engine read from one image: lines in reading order (rows top to bottom, cells left to right). */
export type OcrOutput = { text: string; lines: OcrLine[]; ms: number }

/**
 * One OCR engine per process, reused for every image. `recognise` answers a refusal as data for bad input
 * (IMAGE_INVALID, IMAGE_TOO_LARGE, QUOTE_IMAGE_UNREADABLE) and throws only for a broken engine.
 */
export type OcrEngine = {
  readonly name: OcrEngineName
  recognise(image: Buffer): Promise<Result<OcrOutput, Rejection>>
  close(): Promise<void>
}

export const OCR_ENGINE_NAMES = ['paddle', 'tesseract'] as const
export type OcrEngineName = (typeof OCR_ENGINE_NAMES)[number]

export const isOcrEngineName = (x: string): x is OcrEngineName => (OCR_ENGINE_NAMES as readonly string[]).includes(x)

/** What a deployment or tenant asks for: an engine, or `auto` (PP-OCR when it can run here, else tesseract.js). */
export type OcrEngineChoice = OcrEngineName | 'auto'
export const isOcrEngineChoice = (x: string): x is OcrEngineChoice => x === 'auto' || isOcrEngineName(x)

export const DEFAULT_LANG_PATH = '/usr/share/tesseract-ocr/5/tessdata'

/** Options every engine takes, plus one section per engine for what only it needs. */
export type OcrEngineOptions = {
  /** Parallel recognitions; each one is a worker of about 100–200 MB (tesseract.js wasm). */
  workers: number
  limits: ImageLimits
  tesseract: {
    /** Folder holding chi_sim.traineddata and eng.traineddata (uncompressed, as Debian installs them). */
    langPath: string
  }
  paddle: {
    /** Folder holding the PP-OCRv4 det/rec .onnx files and ppocr_keys_v1.txt; null when none is installed. */
    modelDir: string | null
    /** onnxruntime threads for the one image read at a time. */
    threads: number
    /** Pixels of the page PP-OCR works on: fewer is faster but loses small print (1.4 Mpx lost 2 of 12 dev model sets). */
    maxPixels: number
    /** Longest side of the copy the detector sees; lines are still cut from the full page for recognition. */
    detMaxSide: number
  }
}

/** PP-OCR peaks at ≈ 0.9 GB RSS at its default page size (dev set), plus headroom: below this free, auto picks tesseract.js. */
export const PADDLE_MIN_FREE_BYTES = 1.25 * 1024 * 1024 * 1024
export const PADDLE_MAX_PIXELS = 2_000_000
export const PADDLE_DET_MAX_SIDE = 1280

/** Read at the edge only: OCR_LANG_PATH overrides the Debian traineddata folder, OCR_PADDLE_MODELS, OCR_PADDLE_MAX_PIXELS and OCR_PADDLE_DET_SIDE PP-OCR's. */
export function defaultOcrOptions(env: NodeJS.ProcessEnv, cores: number): OcrEngineOptions {
  return {
    workers: Math.max(1, Math.min(2, cores)),
    limits: DEFAULT_IMAGE_LIMITS,
    tesseract: { langPath: env.OCR_LANG_PATH || DEFAULT_LANG_PATH },
    paddle: {
      modelDir: env.OCR_PADDLE_MODELS || installedPaddleModelDir(),
      threads: Math.max(1, cores),
      maxPixels: Number(env.OCR_PADDLE_MAX_PIXELS) > 0 ? Number(env.OCR_PADDLE_MAX_PIXELS) : PADDLE_MAX_PIXELS,
      detMaxSide: Number(env.OCR_PADDLE_DET_SIDE) > 0 ? Number(env.OCR_PADDLE_DET_SIDE) : PADDLE_DET_MAX_SIDE,
    },
  }
}

/**
 * `auto` → PP-OCR when its models are installed and the machine has the memory for it, else tesseract.js.
 * `freeBytes` is what the process may still use (cgroup limit or free RAM), read by the caller.
 */
export function resolveOcrEngine(choice: OcrEngineChoice, options: OcrEngineOptions, freeBytes: number): OcrEngineName {
  if (choice !== 'auto') return choice
  return paddleModelsPresent(options.paddle.modelDir) && freeBytes >= PADDLE_MIN_FREE_BYTES ? 'paddle' : 'tesseract'
}

export function createOcrEngine(name: OcrEngineName, options: OcrEngineOptions): OcrEngine {
  switch (name) {
    case 'tesseract': return createTesseractEngine(options)
    case 'paddle': return createPaddleEngine(options)
  }
}
