import type { Rejection } from '../../core/errors.js'
import type { OcrLine } from '../../core/parsing/quote/ocr-lines.js'
import type { Result } from '../../core/result.js'
import { DEFAULT_IMAGE_LIMITS, type ImageLimits } from './image-prep.js'
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

export const OCR_ENGINE_NAMES = ['tesseract'] as const
export type OcrEngineName = (typeof OCR_ENGINE_NAMES)[number]

export const isOcrEngineName = (x: string): x is OcrEngineName => (OCR_ENGINE_NAMES as readonly string[]).includes(x)

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
}

/** Read at the edge only: OCR_LANG_PATH overrides the Debian traineddata folder. */
export function defaultOcrOptions(env: NodeJS.ProcessEnv, cores: number): OcrEngineOptions {
  return {
    workers: Math.max(1, Math.min(2, cores)),
    limits: DEFAULT_IMAGE_LIMITS,
    tesseract: { langPath: env.OCR_LANG_PATH || DEFAULT_LANG_PATH },
  }
}

export function createOcrEngine(name: OcrEngineName, options: OcrEngineOptions): OcrEngine {
  switch (name) {
    case 'tesseract': return createTesseractEngine(options)
  }
}
