import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { QuoteFields } from '../../core/parsing/quote/parse-quote.js'

/**
 * One image of a quote set's truth.json (the dev fixtures' format, which gen-quote-set.ts also writes): `models` with
 * the brand word where one is printed ("Mindray BS-240"), `modelCodes` without it ("BS-240"), amount in yuan.
 */
export type QuoteTruth = {
  file: string; amount: number; models: string[]; modelCodes: string[]; quoteDate: string; validUntil: string
  text?: string; layout?: string; degradations?: string[]
}

export const readTruth = (dir: string): QuoteTruth[] => (JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as { images: QuoteTruth[] }).images

const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every(x => b.includes(x))

/** What counts as right, for bench:ocr and the quote-set scorer alike: amount to the fen, exact model set (with brands; by code alone as a second figure), exact dates. */
export function fieldHits(f: Pick<QuoteFields, 'amount' | 'models' | 'quoteDate' | 'validUntil'> | null | undefined, t: QuoteTruth) {
  return {
    amount: f?.amount !== null && f?.amount !== undefined && Math.round(f.amount * 100) === Math.round(t.amount * 100),
    models: sameSet(f?.models ?? [], t.models),
    modelCodes: sameSet(f?.models ?? [], t.modelCodes),
    quoteDate: f?.quoteDate === t.quoteDate,
    validUntil: f?.validUntil === t.validUntil,
  }
}
