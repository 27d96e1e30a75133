import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { isApiError } from '../api/api-error.js'
import { createNavigation } from '../composables/navigation.js'
import { useSession } from '../composables/useSession.js'
import { errorBody, fakeBot, type FakeHandler } from '../testing/fake-bot.js'
import { mountWith } from '../testing/mount-with.js'
import { createDingtalkPlatform, type DingtalkJsapi } from './dingtalk-platform.js'
import { platformKindFor } from './platform.js'

const DINGTALK_IOS = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 AliApp(DingTalk/7.6.0) com.laiwang.DingTalk/36001238 Channel/201200 language/zh-Hans-CN UT4Aplus/0.0.6 WK'
const DINGTALK_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) dingtalk-win/1.0.0 nw(0.14.7) DingTalk(7.6.0-macOS) Mojo/1.0.0 Native Build/1 Chrome/120 Safari/537.36'
const WECOM_ANDROID = 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/116 Mobile Safari/537.36 wxwork/4.1.30 MicroMessenger/7.0.1'
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36'
const PAGE = 'https://crm.example.cn/sidebar/?corpId=ding1234corp&tenant=east#/card'

describe('platform selection', () => {
  it.each([
    [DINGTALK_IOS, '', 'dingtalk'],
    [DINGTALK_MAC, '', 'dingtalk'],
    [CHROME, '?platform=dingtalk&corpId=x', 'dingtalk'],
    [WECOM_ANDROID, '', 'wecom'],
    [CHROME, '?platform=wecom', 'dev'],
    [CHROME, '', 'dev'],
  ])('%s with "%s" → %s', (ua, search, kind) => {
    expect(platformKindFor(ua, search)).toBe(kind)
  })
})

/** DingTalk's JSAPI as the client would answer, recording each call. */
function fakeDd(o: { images?: string[]; uploadFails?: unknown; fix?: Record<string, unknown> } = {}) {
  const calls: string[] = []
  const dd: DingtalkJsapi = {
    config: (p) => { calls.push(`config ${p.corpId} ${p.agentId} ${p.signature} ${p.jsApiList.join(',')}`) },
    runtime: { permission: { requestAuthCode: async ({ corpId }) => { calls.push(`requestAuthCode ${corpId}`); return { code: `code-${calls.length}` } } } },
    device: { geolocation: { get: async (p) => { calls.push(`geolocation ${p.coordinate}`); return (o.fix ?? { latitude: 30.27, longitude: 120.15, accuracy: 40 }) as never } } },
    biz: { util: {
      uploadImage: async (p) => { calls.push(`uploadImage authType ${p.authType}`); if (o.uploadFails) throw o.uploadFails; return o.images ?? [] },
      uploadImageFromCamera: async () => { calls.push('uploadImageFromCamera'); return o.images ?? [] },
    } },
  }
  return { dd, calls }
}

function setUp(dd: DingtalkJsapi, routes: Record<string, FakeHandler> = {}, page = PAGE, ua = DINGTALK_IOS) {
  const bot = fakeBot({
    'POST /auth/dingtalk/login': () => ({ body: { member: { id: 'm1', name: '李娜' } } }),
    'GET /api/dingtalk/jsapi-config': () => ({ body: { agentId: '2000001', timeStamp: 1764200000, nonceStr: 'n1', signature: 'sig-1' } }),
    ...routes,
  })
  return { bot, platform: createDingtalkPlatform({ dd, fetch: bot.fetch, userAgent: ua, pageUrl: page }) }
}

describe('DingTalk platform', () => {
  it('signs in with a requestAuthCode code for the page’s corpId and tenant, without dd.config', async () => {
    const { dd, calls } = fakeDd()
    const { bot, platform } = setUp(dd)
    await platform.signIn()
    expect(calls).toEqual(['requestAuthCode ding1234corp'])
    expect(bot.calls('POST', '/auth/dingtalk/login').map((c) => c.body)).toEqual([{ code: 'code-1', tenant: 'east' }])
  })

  it('reports the bot’s refusal of the code with its code and both languages', async () => {
    const { dd } = fakeDd()
    const { platform } = setUp(dd, { 'POST /auth/dingtalk/login': () => ({ status: 401, body: errorBody('AUTH_CODE_INVALID', '钉钉登录授权码无效', 'invalid code') }) })
    const e = await platform.signIn().catch((x: unknown) => x)
    expect(isApiError(e) && e.ui).toMatchObject({ code: 'AUTH_CODE_INVALID', status: 401, message: { zh: '钉钉登录授权码无效' } })
  })

  it('refuses to sign in when the page was not opened with the corpId DingTalk fills in', async () => {
    const { dd, calls } = fakeDd()
    const e = await setUp(dd, {}, 'https://crm.example.cn/sidebar/').platform.signIn().catch((x: unknown) => x)
    expect(isApiError(e) && e.ui.code).toBe('DINGTALK_CORP_ID_MISSING')
    expect(calls).toEqual([])
  })

  it('runs dd.config once, before the first device call, with the bot’s signature for the page without its fragment', async () => {
    const { dd, calls } = fakeDd({ images: [] })
    const { bot, platform } = setUp(dd)
    expect(calls).toEqual([])
    await Promise.all([platform.getLocation(), platform.chooseImage()])
    await platform.getLocation()
    expect(calls.filter((c) => c.startsWith('config'))).toEqual([
      'config ding1234corp 2000001 sig-1 device.geolocation.get,biz.util.uploadImage,biz.util.uploadImageFromCamera'])
    expect(calls[0]).toMatch(/^config/)
    expect(bot.calls('GET', '/api/dingtalk/jsapi-config').map((c) => c.query.get('url'))).toEqual(['https://crm.example.cn/sidebar/?corpId=ding1234corp&tenant=east'])
  })

  it('reports a refused signature and asks again on the next device call', async () => {
    const { dd, calls } = fakeDd()
    let refuse = true
    const { platform } = setUp(dd, { 'GET /api/dingtalk/jsapi-config': () => (refuse
      ? { status: 400, body: errorBody('JSAPI_URL_NOT_ALLOWED', '该页面地址不在可信域名内', 'not trusted') }
      : { body: { agentId: '2000001', timeStamp: 1, nonceStr: 'n', signature: 's' } }) })
    const e = await platform.getLocation().catch((x: unknown) => x)
    expect(isApiError(e) && e.ui.code).toBe('JSAPI_URL_NOT_ALLOWED')
    expect(calls).toEqual([])
    refuse = false
    await platform.getLocation()
    expect(calls).toEqual(['config ding1234corp 2000001 s device.geolocation.get,biz.util.uploadImage,biz.util.uploadImageFromCamera', 'geolocation 1'])
  })

  it('asks for AMap (GCJ-02) locations, also from old Android clients that nest the fix', async () => {
    const { dd, calls } = fakeDd()
    expect(await setUp(dd).platform.getLocation()).toEqual({ lat: 30.27, lng: 120.15, accuracy: 40, coordSystem: 'gcj02' })
    expect(calls.at(-1)).toBe('geolocation 1')
    const old = fakeDd({ fix: { location: { latitude: 31.2, longitude: 121.4, accuracy: 65 } } })
    expect(await setUp(old.dd).platform.getLocation()).toEqual({ lat: 31.2, lng: 121.4, accuracy: 65, coordSystem: 'gcj02' })
  })

  it('turns an uploaded image into a file the bot stores itself; a cancelled choice is null', async () => {
    const { dd, calls } = fakeDd({ images: ['https://static.dingtalk.com/media/lADPquote_800.jpg'] })
    const { platform } = setUp(dd, { 'GET /media/lADPquote_800.jpg': () => ({ body: { bytes: 'jpeg' } }) })
    const picked = await platform.chooseImage()
    expect(picked).toMatchObject({ kind: 'file', name: 'lADPquote_800.jpg' })
    expect(picked?.kind === 'file' && picked.file.size).toBeGreaterThan(0)
    expect(calls.at(-1)).toBe('uploadImage authType 6')
    expect(await setUp(fakeDd({ uploadFails: { errorCode: '-1', errorMessage: '用户取消' } }).dd).platform.chooseImage()).toBeNull()
    expect(await setUp(fakeDd({ images: [] }).dd).platform.takePhoto()).toBeNull()
  })

  it('falls back to the file chooser when the uploaded copy cannot be read back', async () => {
    const { dd } = fakeDd({ images: ['https://static.dingtalk.com/media/lADPgone.jpg'] })
    const bot = fakeBot({ 'GET /api/dingtalk/jsapi-config': () => ({ body: { agentId: '2', timeStamp: 1, nonceStr: 'n', signature: 's' } }),
      'GET /media/lADPgone.jpg': () => ({ status: 403, body: {} }) })
    const chosen: boolean[] = []
    const file = { kind: 'file' as const, file: new Blob(['x']), name: 'quote.jpg' }
    const platform = createDingtalkPlatform({ dd, fetch: bot.fetch, userAgent: DINGTALK_IOS, pageUrl: PAGE, pickFile: async (camera) => { chosen.push(camera); return file } })
    expect(await platform.chooseImage()).toBe(file)
    expect(chosen).toEqual([false])
  })

  it('has no customer chat: the context is normal and chat messages are not offered', async () => {
    const { platform } = setUp(fakeDd().dd)
    expect(await platform.getContext()).toEqual({ entry: 'normal' })
    expect(platform.canSendChatMessage).toBe(false)
    expect(platform.voice).toBeNull()
  })
})

/** useSession started in a component, as App does. */
function startSession(assign: (url: string) => void = () => {}) {
  const nav = createNavigation()
  const Harness = defineComponent({ setup() { void useSession(nav, assign).start(); return () => h('div') } })
  return { nav, Harness }
}

describe('start-up inside DingTalk', () => {
  it('signs in in place when there is no session, then continues to the first screen', async () => {
    let session = false
    const { dd } = fakeDd()
    const login = fakeBot({ 'POST /auth/dingtalk/login': () => { session = true; return { body: {} } } })
    const platform = createDingtalkPlatform({ dd, fetch: login.fetch, userAgent: DINGTALK_IOS, pageUrl: PAGE })
    const assigned: string[] = []
    const { nav, Harness } = startSession((u) => assigned.push(u))
    mountWith(Harness, {}, { platform, routes: { 'GET /api/me': () => session
      ? { body: { member: { id: 'm1', name: '李娜' }, tenant: { id: 't1', name: 'T' }, channel: 'dingtalk' } }
      : { status: 401, body: errorBody('UNAUTHENTICATED', '请先登录', 'Please sign in first') } } })
    await vi.waitFor(() => expect(nav.screen.value.name).toBe('picker'))
    expect(login.calls('POST', '/auth/dingtalk/login')).toHaveLength(1)
    expect(assigned).toEqual([])
  })

  it('shows the refusal instead of looping when the code is refused', async () => {
    const { dd } = fakeDd()
    const login = fakeBot({ 'POST /auth/dingtalk/login': () => ({ status: 401, body: errorBody('AUTH_CODE_INVALID', '无效', 'invalid') }) })
    const platform = createDingtalkPlatform({ dd, fetch: login.fetch, userAgent: DINGTALK_IOS, pageUrl: PAGE })
    const { nav, Harness } = startSession()
    mountWith(Harness, {}, { platform, routes: { 'GET /api/me': () => ({ status: 401, body: errorBody('UNAUTHENTICATED', '请先登录', 'Please sign in first') }) } })
    await vi.waitFor(() => expect(nav.screen.value).toMatchObject({ name: 'fatal', error: { code: 'AUTH_CODE_INVALID' } }))
    expect(login.calls('POST', '/auth/dingtalk/login')).toHaveLength(1)
  })
})
