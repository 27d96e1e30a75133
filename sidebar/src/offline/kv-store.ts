import { plain } from './plain.js'

/** The small key-value interface the offline queue and drafts need; IndexedDB in the app, a Map in tests. */
export type KvStore<T> = {
  get(key: string): Promise<T | undefined>
  put(key: string, value: T): Promise<void>
  delete(key: string): Promise<void>
  list(): Promise<T[]>
}

export function memoryStore<T>(): KvStore<T> {
  const map = new Map<string, T>()
  return {
    get: async (key) => map.get(key),
    // As IndexedDB does, keep a copy, so tests see what the app would read back (and proxies would fail there).
    put: async (key, value) => { map.set(key, plain(value)) },
    delete: async (key) => { map.delete(key) },
    list: async () => [...map.values()],
  }
}
