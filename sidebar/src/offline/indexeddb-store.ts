import { plain } from './plain.js'
import type { KvStore } from './kv-store.js'

export const STORE_NAMES = ['outbox', 'drafts'] as const
export type StoreName = (typeof STORE_NAMES)[number]

export function openSidebarDb(factory: IDBFactory = indexedDB, name = 'salespath-sidebar'): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = factory.open(name, 1)
    req.onupgradeneeded = () => {
      for (const s of STORE_NAMES) if (!req.result.objectStoreNames.contains(s)) req.result.createObjectStore(s)
    }
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
}

function run<R>(db: IDBDatabase, store: StoreName, mode: IDBTransactionMode, op: (s: IDBObjectStore) => IDBRequest<R>): Promise<R> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, mode)
    const req = op(tx.objectStore(store))
    // resolve on commit, so a write is durable before the caller goes on (and, say, sends it)
    tx.oncomplete = () => resolve(req.result)
    tx.onerror = () => reject(tx.error)
    tx.onabort = () => reject(tx.error)
  })
}

/** Values are stored by structured clone, so Blobs (photos taken offline) survive a reload. */
export function indexedDbStore<T>(db: IDBDatabase, store: StoreName): KvStore<T> {
  return {
    get: (key) => run(db, store, 'readonly', (s) => s.get(key) as IDBRequest<T | undefined>),
    put: async (key, value) => { await run(db, store, 'readwrite', (s) => s.put(plain(value), key)) },
    delete: async (key) => { await run(db, store, 'readwrite', (s) => s.delete(key)) },
    list: () => run(db, store, 'readonly', (s) => s.getAll() as IDBRequest<T[]>),
  }
}
