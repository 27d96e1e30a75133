import type { Rejection } from '../../core/errors.js'
import { parseQuote, type ParseOptions, type QuoteFields } from '../../core/parsing/quote/parse-quote.js'
import { ok, type Result } from '../../core/result.js'
import type { OcrEngine } from './ocr-engine.js'

/** The parsed fields of one quote image, the OCR text they came from (kept for corrections) and the time taken. */
export type QuoteReading = QuoteFields & { text: string; ms: number }

/** Image bytes → quote fields. Bad input is a refusal (IMAGE_INVALID, IMAGE_TOO_LARGE, QUOTE_IMAGE_UNREADABLE). */
export async function readQuoteImage(engine: OcrEngine, image: Buffer, options: ParseOptions = {}): Promise<Result<QuoteReading, Rejection>> {
  const ocr = await engine.recognise(image)
  if (!ocr.ok) return ocr
  const parseStarted = performance.now()
  const fields = parseQuote({ text: ocr.value.text, lines: ocr.value.lines }, options)
  return ok({ ...fields, text: ocr.value.text, ms: Math.round(ocr.value.ms + performance.now() - parseStarted) })
}
