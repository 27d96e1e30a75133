/** orderLines as the engines call it, remembering the raw lines of the last page (see raw-lines-hook.ts). */
import { orderLines as order, type OcrLine, type RawLine } from '../../core/parsing/quote/ocr-lines.js'

export type { Box, OcrLine, RawLine } from '../../core/parsing/quote/ocr-lines.js'

export const lastPage: { raw: RawLine[] } = { raw: [] }

export function orderLines(lines: readonly RawLine[]): OcrLine[] {
  lastPage.raw = [...lines]
  return order(lines)
}
