import { computed, inject, ref, type InjectionKey } from 'vue'
import type { UiError } from '../api/api-error.js'
import type { NodeRef } from '../api/contract.js'
import type { PlatformContext } from '../platform/platform.js'

export type CardTarget = { externalUserId: string } | { customerId: string }
export type CustomerRef = { customerId: string; customerName: string; opportunityId: string | null; node: NodeRef | null }

export type Screen =
  | { name: 'loading' }
  | { name: 'dev-login' }
  | { name: 'no-context' }
  | { name: 'fatal'; error: UiError }
  | { name: 'picker'; then: 'card' | 'visit' }
  | { name: 'card'; target: CardTarget }
  | { name: 'visit'; target: CardTarget }
  | { name: 'quote'; customer: CustomerRef }
  | { name: 'competitor'; customer: CustomerRef }
  | { name: 'scripts'; customer: CustomerRef }
  | { name: 'route' }

/** The first screen for where the page was opened (PLATFORMS §8.9). */
export function initialScreen(ctx: PlatformContext): Screen {
  switch (ctx.entry) {
    case 'single_chat_tools':
      return ctx.externalUserId ? { name: 'card', target: { externalUserId: ctx.externalUserId } } : { name: 'no-context' }
    case 'chat_attachment':
      return ctx.externalUserId ? { name: 'visit', target: { externalUserId: ctx.externalUserId } } : { name: 'picker', then: 'visit' }
    case 'group_chat_tools':
    case 'normal':
      return { name: 'picker', then: 'card' }
  }
}

export function createNavigation(first: Screen = { name: 'loading' }) {
  const stack = ref<Screen[]>([first])
  const screen = computed(() => stack.value[stack.value.length - 1] ?? first)
  return {
    screen,
    canGoBack: computed(() => stack.value.length > 1),
    go: (s: Screen) => { stack.value = [...stack.value, s] },
    replace: (s: Screen) => { stack.value = [s] },
    back: () => { if (stack.value.length > 1) stack.value = stack.value.slice(0, -1) },
  }
}

export type Navigation = ReturnType<typeof createNavigation>
export const NAV_KEY: InjectionKey<Navigation> = Symbol('salespath-nav')

export function useNav(): Navigation {
  const nav = inject(NAV_KEY)
  if (!nav) throw new Error('Navigation was not provided')
  return nav
}
