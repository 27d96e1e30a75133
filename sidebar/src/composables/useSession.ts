import { ref } from 'vue'
import { toUiError } from '../api/api-error.js'
import { wecomLoginUrl, type Me } from '../api/contract.js'
import { useDeps } from './app-deps.js'
import { initialScreen, type Navigation } from './navigation.js'

/** Start-up: session → platform context → first screen. Without a session, WeCom goes through OAuth, DingTalk signs in with an auth code, dev logs in. */
/** Takes the navigation App creates (inject would not see what the same component provides). */
export function useSession(nav: Navigation, assign: (url: string) => void = (url) => globalThis.location.assign(url)) {
  const { api, platform, queue } = useDeps()
  const me = ref<Me | null>(null)

  async function start(): Promise<void> {
    return begin(false)
  }

  async function begin(signedIn: boolean): Promise<void> {
    nav.replace({ name: 'loading' })
    try {
      me.value = await api.me()
    } catch (e) {
      const ui = toUiError(e)
      if (ui.code !== 'UNAUTHENTICATED' || (signedIn && platform.signIn)) return nav.replace({ name: 'fatal', error: ui })
      if (platform.name === 'wecom') return assign(wecomLoginUrl(globalThis.location.href))
      // DingTalk signs in in place (auth code → session), then starts over once
      if (platform.signIn) return platform.signIn().then(() => begin(true), (e2: unknown) => nav.replace({ name: 'fatal', error: toUiError(e2) }))
      return nav.replace({ name: 'dev-login' })
    }
    void queue.flush()
    try {
      nav.replace(initialScreen(await platform.getContext()))
    } catch {
      nav.replace({ name: 'no-context' })
    }
  }

  return { me, start }
}
