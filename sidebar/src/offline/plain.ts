import { isProxy, toRaw } from 'vue'

/**
 * IndexedDB stores values by structured clone, which refuses Vue's reactive proxies ("DataCloneError … could
 * not be cloned"), at any depth. Copy into plain data first; Blobs, Files and Dates are kept as they are.
 */
export function plain<T>(value: T): T {
  const raw = isProxy(value) ? toRaw(value) : value
  if (raw === null || typeof raw !== 'object' || raw instanceof Blob || raw instanceof Date) return raw
  if (Array.isArray(raw)) return raw.map((x) => plain(x)) as T
  return Object.fromEntries(Object.entries(raw as Record<string, unknown>).map(([k, x]) => [k, plain(x)])) as T
}
