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

export type OcrEngineOptions = {
  /** Folder holding chi_sim.traineddata and eng.traineddata (uncompressed). */
  langPath: string
  /** Parallel recognitions; each one is a wasm worker of about 100–200 MB. */
  workers: number
  limits: ImageLimits
}

export function defaultOcrOptions(env: NodeJS.ProcessEnv, cores: number): OcrEngineOptions {
  return {
    langPath: env.OCR_LANG_PATH || DEFAULT_LANG_PATH,
    workers: Math.max(1, Math.min(2, cores)),
    limits: DEFAULT_IMAGE_LIMITS,
  }
}

export function createOcrEngine(name: OcrEngineName, options: OcrEngineOptions): OcrEngine {
  switch (name) {
    case 'tesseract': return createTesseractEngine(options)
  }
}
