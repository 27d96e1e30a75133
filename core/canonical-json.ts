/**
 * JSON with object keys sorted at every depth, so the same data always hashes the same way
 * (jsonb does not keep key order). Dates become ISO strings; undefined members are dropped.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortDeep(value))
}

function sortDeep(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString()
  if (Array.isArray(v)) return v.map(sortDeep)
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>
    return Object.fromEntries(Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => [k, sortDeep(o[k])]))
  }
  return v
}
