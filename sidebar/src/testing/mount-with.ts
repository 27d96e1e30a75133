import { mount } from '@vue/test-utils'
import type { Component } from 'vue'
import { createApiClient } from '../api/client.js'
import { DEPS_KEY, type AppDeps } from '../composables/app-deps.js'
import { NAV_KEY, createNavigation } from '../composables/navigation.js'
import { createSidebarI18n, type Locale } from '../i18n/i18n.js'
import { memoryStore, type KvStore } from '../offline/kv-store.js'
import { createOfflineQueue, type OutboxItem } from '../offline/offline-queue.js'
import type { Platform } from '../platform/platform.js'
import { fakeBot, type FakeHandler } from './fake-bot.js'
import { scriptedPlatform } from './scripted-platform.js'

export const TEST_NOW = new Date('2026-11-27T02:00:00.000Z')

/** Mounts a screen with real composables, a fake bot behind the real API client and an in-memory outbox. */
export function mountWith(component: Component, props: Record<string, unknown>, opts: {
  routes: Record<string, FakeHandler>
  platform?: Platform
  locale?: Locale
  drafts?: KvStore<unknown>
}) {
  const bot = fakeBot(opts.routes)
  const api = createApiClient(bot.fetch)
  const outbox = memoryStore<OutboxItem>()
  const queue = createOfflineQueue(outbox, api)
  let n = 0
  const deps: AppDeps = {
    api, queue, platform: opts.platform ?? scriptedPlatform(), drafts: opts.drafts ?? memoryStore(),
    now: () => TEST_NOW, newId: () => `id-${++n}`, wait: async () => {},
  }
  const nav = createNavigation({ name: 'loading' })
  const i18n = createSidebarI18n(opts.locale ?? 'zh-CN')
  const wrapper = mount(component, {
    props,
    global: { plugins: [i18n], provide: { [DEPS_KEY as symbol]: deps, [NAV_KEY as symbol]: nav } },
    attachTo: document.body,
  })
  return { wrapper, bot, deps, nav, i18n, outbox }
}
