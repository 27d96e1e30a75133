// The signed query of a platform callback (WeCom and DingTalk push), as node:querystring or Koa read it.

/** A repeated parameter is an array: the codecs refuse it rather than pick one. */
export type CallbackQuery = Record<string, string | string[] | undefined>

/**
 * The first of `names` present once and non-empty. A module-level function, not a closure per call: tsx (esbuild's
 * keepNames) names every named closure with an Object.defineProperty, which the callback path pays per request.
 */
export function queryParam(query: CallbackQuery, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = query[n]
    if (typeof v === 'string' && v !== '') return v
  }
  return undefined
}
