import { z } from 'zod'
import { makeIssue, type Issue } from '../process/issue.js'
import { I18nTextSchema, KeySchema } from '../process/schema-parts.js'
import { locate, readYaml } from '../process/yaml-source.js'
import { err, ok, type Result } from '../result.js'
import type { EngineEvent } from './events.js'

/** config/keywords/<name>.yaml: keyword categories that keyword.heard rules name. */
const DictionarySchema = z.strictObject({
  categories: z.array(z.strictObject({ key: KeySchema, name: I18nTextSchema, keywords: z.array(z.string().min(1)).min(1) })).min(1),
})
export type KeywordDictionary = z.output<typeof DictionarySchema>

export function parseKeywordsYaml(text: string, file = 'keywords.yaml'): Result<KeywordDictionary, Issue[]> {
  const read = readYaml(text, file)
  if ('issues' in read) return err(read.issues)
  const parsed = DictionarySchema.safeParse(read.source.data)
  if (parsed.success) return ok(parsed.data)
  return err(parsed.error.issues.map((i) => {
    const path = i.path.filter((p): p is string | number => typeof p !== 'symbol')
    return makeIssue(file, locate(read.source, path), 'KEYWORDS_INVALID', { detail: `${path.join('.') || '(root)'}: ${i.message}` })
  }))
}

/** Chat text as compared: full-width ASCII folded to half-width, lower case, no whitespace. */
export function normaliseForMatch(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '')
    .toLowerCase()
}

/** One keyword.heard event per dictionary keyword found in a message (each keyword once). */
export function keywordEvents(text: string, dicts: readonly KeywordDictionary[], messageId: string): EngineEvent[] {
  const haystack = normaliseForMatch(text)
  return dicts.flatMap((d) => d.categories).flatMap((c) =>
    [...new Set(c.keywords)]
      .filter((k) => haystack.includes(normaliseForMatch(k)))
      .map((keyword): EngineEvent => ({ type: 'keyword.heard', keyword, category: c.key, messageId })))
}

export const keywordCategories = (dicts: readonly KeywordDictionary[]): string[] => dicts.flatMap((d) => d.categories.map((c) => c.key))
