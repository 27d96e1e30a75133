/**
 * Module hook for ocr-cache.ts: the engines' import of orderLines resolves to raw-lines.ts instead, which keeps each
 * page's lines as the engine gave them (before rows are rebuilt), so that score.ts measures changes to row building too.
 */
import { pathToFileURL } from 'node:url'

const RECORDER = pathToFileURL(`${import.meta.dirname}/raw-lines.ts`).href

export async function resolve(specifier: string, context: { parentURL?: string }, next: (s: string, c: object) => Promise<object>): Promise<object> {
  if (specifier.endsWith('parsing/quote/ocr-lines.js') && context.parentURL?.includes('/io/ocr/')) return next(RECORDER, context)
  return next(specifier, context)
}
