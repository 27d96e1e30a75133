import type { Keyword } from '../api/contract.js'

/** A run of text; `keyword` is the canonical word when the run is a keyword or one of its aliases. */
export type Segment = { text: string; keyword: string | null }

type Term = { term: string; word: string; latin: boolean }

const isLatinTerm = (s: string) => /^[a-z0-9]+$/i.test(s)
const isWordChar = (c: string | undefined) => c !== undefined && /[a-z0-9]/i.test(c)

function termsOf(keywords: readonly Keyword[]): Term[] {
  const terms = keywords.flatMap((k) => [k.word, ...k.aliases].filter((t) => t.trim() !== '')
    .map((t) => ({ term: t.toLowerCase(), word: k.word, latin: isLatinTerm(t) })))
  // longest first, so 招标文件 wins over 招标 at the same position
  return terms.sort((a, b) => b.term.length - a.term.length)
}

function matchAt(lower: string, i: number, terms: readonly Term[]): Term | undefined {
  return terms.find((t) => lower.startsWith(t.term, i)
    // a Latin keyword such as "ICU" must not light up inside "ICUs" or "PICU"
    && (!t.latin || (!isWordChar(lower[i - 1]) && !isWordChar(lower[i + t.term.length]))))
}

/** Splits text into plain and keyword runs, left to right, longest match first, matches never overlapping. */
export function highlightKeywords(text: string, keywords: readonly Keyword[]): Segment[] {
  const terms = termsOf(keywords)
  const lower = text.toLowerCase()
  const out: Segment[] = []
  let plain = ''
  let i = 0
  while (i < text.length) {
    const hit = terms.length > 0 ? matchAt(lower, i, terms) : undefined
    if (!hit) {
      plain += text[i]
      i += 1
      continue
    }
    if (plain) out.push({ text: plain, keyword: null })
    plain = ''
    out.push({ text: text.slice(i, i + hit.term.length), keyword: hit.word })
    i += hit.term.length
  }
  if (plain) out.push({ text: plain, keyword: null })
  return out
}

/** The canonical keywords the text mentions, each once, in order of first mention. */
export const keywordsHeard = (text: string, keywords: readonly Keyword[]): string[] =>
  [...new Set(highlightKeywords(text, keywords).flatMap((s) => (s.keyword ? [s.keyword] : [])))]
