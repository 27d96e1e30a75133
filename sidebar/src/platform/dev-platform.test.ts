import { describe, expect, it } from 'vitest'
import { DEV_FIXED_POINT, createDevPlatform, loadDevContext, saveDevContext } from './dev-platform.js'

function storage(): Storage {
  const m = new Map<string, string>()
  return {
    get length() { return m.size }, clear: () => m.clear(), key: (i) => [...m.keys()][i] ?? null,
    getItem: (k) => m.get(k) ?? null, setItem: (k, v) => { m.set(k, v) }, removeItem: (k) => { m.delete(k) },
  }
}

describe('dev platform', () => {
  it('acts as opened from the chat chosen on the dev sign-in page', async () => {
    const s = storage()
    saveDevContext({ entry: 'chat_attachment', externalUserId: 'wm-ext-7' }, s)
    expect(await createDevPlatform(s).getContext()).toEqual({ entry: 'chat_attachment', externalUserId: 'wm-ext-7' })
  })

  it.each([
    ['nothing saved', null],
    ['broken JSON', '{'],
    ['an unknown entry', '{"entry":"contact_profile"}'],
  ])('falls back to the workbench entry on %s', async (_what, raw) => {
    const s = storage()
    if (raw !== null) s.setItem('salespath.dev.context', raw)
    expect(loadDevContext(s)).toBeNull()
    expect(await createDevPlatform(s).getContext()).toEqual({ entry: 'normal' })
  })

  it('uses a fixed GCJ-02 point when the browser gives no position', async () => {
    const original = Object.getOwnPropertyDescriptor(globalThis.navigator, 'geolocation')
    Object.defineProperty(globalThis.navigator, 'geolocation', { value: undefined, configurable: true })
    try {
      expect(await createDevPlatform(storage()).getLocation()).toEqual(DEV_FIXED_POINT)
    } finally {
      if (original) Object.defineProperty(globalThis.navigator, 'geolocation', original)
    }
  })

  it('records what a script would have sent to the chat', async () => {
    const p = createDevPlatform(storage())
    await p.sendChatMessage('王主任您好')
    expect(p.sent).toEqual(['王主任您好'])
  })
})
