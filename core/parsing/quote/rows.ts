import type { OcrLine } from './ocr-lines.js'
import { normaliseOcrText } from './normalise.js'

/** A normalised line of the document with the engine's confidence (1 when the text came without one) and its doubtful words (see OcrLine). */
export type Row = { text: string; confidence: number; unsure?: readonly string[] }

export type QuoteText = { text: string; lines?: readonly OcrLine[] }

export function toRows(input: QuoteText): Row[] {
  const source = input.lines && input.lines.length > 0
    ? input.lines.map(l => ({ text: l.text, confidence: l.confidence, unsure: l.unsure }))
    : input.text.split('\n').map(text => ({ text, confidence: 1, unsure: undefined }))
  return source
    .map(r => ({ text: normaliseOcrText(r.text), confidence: Math.min(1, Math.max(0, r.confidence)), ...(r.unsure ? { unsure: r.unsure } : {}) }))
    .filter(r => r.text.length > 0)
}

/** Keywords matched longest first, so that 不含税合计 wins over the 合计 inside it. */
export function keywordPattern(words: readonly string[]): RegExp {
  const sorted = [...words].sort((a, b) => b.length - a.length)
  return new RegExp(sorted.map(w => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g')
}

/** The last keyword that ends at or before `index` in `line`, or undefined. */
export function nearestKeywordBefore(line: string, index: number, pattern: RegExp): string | undefined {
  let found: string | undefined
  for (const m of line.matchAll(pattern)) {
    if (m.index + m[0].length > index) break
    found = m[0]
  }
  return found
}
