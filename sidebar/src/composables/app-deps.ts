import { inject, type InjectionKey } from 'vue'
import type { ApiClient } from '../api/client.js'
import type { KvStore } from '../offline/kv-store.js'
import type { OfflineQueue } from '../offline/offline-queue.js'
import type { Platform } from '../platform/platform.js'

/** Everything a screen talks to, provided once by main.ts (and by tests, with a fake bot behind `api`). */
export type AppDeps = {
  api: ApiClient
  platform: Platform
  queue: OfflineQueue
  drafts: KvStore<unknown>
  now: () => Date
  newId: () => string
  wait: (ms: number) => Promise<void>
}

export const DEPS_KEY: InjectionKey<AppDeps> = Symbol('salespath-deps')

export function useDeps(): AppDeps {
  const deps = inject(DEPS_KEY)
  if (!deps) throw new Error('AppDeps were not provided')
  return deps
}
