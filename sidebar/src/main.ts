import { createApp } from 'vue'
import 'vant/es/button/style/index.mjs'
import 'vant/es/cell/style/index.mjs'
import 'vant/es/cell-group/style/index.mjs'
import 'vant/es/checkbox/style/index.mjs'
import 'vant/es/empty/style/index.mjs'
import 'vant/es/field/style/index.mjs'
import 'vant/es/loading/style/index.mjs'
import 'vant/es/progress/style/index.mjs'
import 'vant/es/search/style/index.mjs'
import App from './App.vue'
import { createApiClient } from './api/client.js'
import { DEPS_KEY, type AppDeps } from './composables/app-deps.js'
import { createSidebarI18n, initialLocale } from './i18n/i18n.js'
import { indexedDbStore, openSidebarDb } from './offline/indexeddb-store.js'
import { memoryStore, type KvStore } from './offline/kv-store.js'
import { createOfflineQueue, type OutboxItem } from './offline/offline-queue.js'
import { newUuid } from './lib/uuid.js'
import { createDevPlatform } from './platform/dev-platform.js'
import { platformKindFor, type Platform } from './platform/platform.js'
import type { DingtalkJsapi } from './platform/dingtalk-platform.js'

async function stores(): Promise<{ outbox: KvStore<OutboxItem>; drafts: KvStore<unknown> }> {
  try {
    const db = await openSidebarDb()
    return { outbox: indexedDbStore(db, 'outbox'), drafts: indexedDbStore(db, 'drafts') }
  } catch {
    // private browsing on some WebViews refuses IndexedDB: keep working, only without surviving a reload
    return { outbox: memoryStore(), drafts: memoryStore() }
  }
}

async function platformFor(api: ReturnType<typeof createApiClient>): Promise<Platform> {
  const kind = platformKindFor(navigator.userAgent, location.search)
  if (kind === 'dev') return createDevPlatform()
  if (kind === 'dingtalk') {
    const [{ createDingtalkPlatform }, jsapi] = await Promise.all([import('./platform/dingtalk-platform.js'), import('dingtalk-jsapi')])
    const dd = (jsapi as { default?: unknown }).default ?? jsapi
    return createDingtalkPlatform({ dd: dd as DingtalkJsapi, fetch: (i, init) => fetch(i, init), userAgent: navigator.userAgent, pageUrl: location.href })
  }
  // loaded only inside WeCom, so ordinary browsers never download the SDK
  const { createWecomPlatform } = await import('./platform/wecom-platform.js')
  return createWecomPlatform(api, navigator.userAgent, location.href)
}

async function boot() {
  const api = createApiClient((input, init) => fetch(input, init))
  const { outbox, drafts } = await stores()
  const queue = createOfflineQueue(outbox, api)
  queue.listen(window)
  const deps: AppDeps = {
    api, platform: await platformFor(api), queue, drafts,
    now: () => new Date(), newId: newUuid, wait: (ms) => new Promise((r) => setTimeout(r, ms)),
  }
  createApp(App).use(createSidebarI18n(initialLocale(localStorage))).provide(DEPS_KEY, deps).mount('#app')
}

void boot()
