import { ApiError, NETWORK_ERROR, errorFromBody } from '../api/api-error.js'
import type { FetchFn } from '../api/client.js'
import type { GeoFix } from '../api/contract.js'
import { pickImageFile } from './file-input.js'
import { isMobileAgent, type PickedImage, type Platform } from './platform.js'

/** The part of dingtalk-jsapi the sidebar uses (PLATFORMS §6.6); main.ts passes the real `dd`, tests a stand-in. */
export type DingtalkJsapi = {
  config(p: { agentId: string; corpId: string; timeStamp: number; nonceStr: string; signature: string; type: number; jsApiList: string[] }): void
  runtime: { permission: { requestAuthCode(p: { corpId: string }): Promise<{ code: string }> } }
  device: { geolocation: { get(p: { targetAccuracy: number; coordinate: number; withReGeocode: boolean; useCache: boolean }): Promise<DdFix> } }
  biz: { util: {
    uploadImage(p: { multiple?: boolean; max?: number; compression?: boolean; authType?: number }): Promise<string[]>
    uploadImageFromCamera(p: { compression?: boolean }): Promise<string[]>
  } }
}
type DdFix = { longitude: number; latitude: number; accuracy: number; location?: { longitude: number; latitude: number; accuracy: number } }

export type DingtalkPlatformOptions = {
  dd: DingtalkJsapi; fetch: FetchFn; userAgent: string; pageUrl: string
  /** The browser's file chooser (DingTalk ≥ 2.5 supports it); tests pass a stand-in. */
  pickFile?: (camera: boolean) => Promise<PickedImage | null>
}

const CORP_ID_MISSING = {
  code: 'DINGTALK_CORP_ID_MISSING',
  message: { zh: '请从钉钉工作台打开（主页地址需带 corpId=$CORPID$）', en: 'Open this from the DingTalk workbench (the home URL needs corpId=$CORPID$)' },
}
const JS_API_LIST = ['device.geolocation.get', 'biz.util.uploadImage', 'biz.util.uploadImageFromCamera']
/** AMap coordinates (coordinate: 1) are GCJ-02; ~200 m is DingTalk's recommended accuracy for a quick fix. */
const GEO = { targetAccuracy: 200, coordinate: 1, withReGeocode: false, useCache: false }
/** CDN_ONLY: a public https file the page can read back (STRICT_AUTH, the default, needs a download callback). */
const CDN_ONLY = 6

const cancelled = (e: unknown) => /cancel|取消/i.test(String((e as { errorMessage?: unknown; message?: unknown })?.errorMessage
  ?? (e as { message?: unknown })?.message ?? ''))

/**
 * The sidebar as a DingTalk H5 micro-app. Sign-in needs no redirect: requestAuthCode (no dd.config needed)
 * gives a single-use code the bot exchanges for the session; the device JSAPIs run after dd.config, signed by the
 * bot for this page once per load. DingTalk has no "current customer chat", so the
 * context is always `normal` and the member picks the customer; messages to a chat are not offered.
 */
export function createDingtalkPlatform(o: DingtalkPlatformOptions): Platform & { signIn(): Promise<void> } {
  const page = new URL(o.pageUrl)
  const pageUrl = o.pageUrl.split('#')[0] ?? o.pageUrl
  const mobile = isMobileAgent(o.userAgent)
  const pickFile = o.pickFile ?? ((camera: boolean) => pickImageFile(camera))
  // DingTalk fills $CORPID$ in the micro-app's home URL; `tenant` picks a stored tenant (default: the env one).
  const corpIdOf = () => {
    const corpId = page.searchParams.get('corpId') ?? page.searchParams.get('corpid')
    if (!corpId) throw new ApiError(CORP_ID_MISSING)
    return corpId
  }

  async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
    let res: Response
    try {
      res = await o.fetch(path, { credentials: 'include', ...init, headers: { accept: 'application/json', ...init.headers } })
    } catch {
      throw new ApiError(NETWORK_ERROR)
    }
    const body: unknown = await res.json().catch(() => null)
    if (!res.ok) throw new ApiError(errorFromBody(res.status, body))
    return body as T
  }

  async function signIn(): Promise<void> {
    const { code } = await o.dd.runtime.permission.requestAuthCode({ corpId: corpIdOf() })
    const tenant = page.searchParams.get('tenant')
    await call('/auth/dingtalk/login', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, ...(tenant ? { tenant } : {}) }) })
  }

  // dd.config waits for the first device call: the signing endpoint needs the session sign-in sets first
  let configured: Promise<void> | null = null
  const ready = () => (configured ??= call<{ agentId: string; timeStamp: number; nonceStr: string; signature: string }>(
    `/api/dingtalk/jsapi-config?url=${encodeURIComponent(pageUrl)}`,
  ).then((c) => o.dd.config({ ...c, corpId: corpIdOf(), type: 0, jsApiList: JS_API_LIST }))
    .catch((e: unknown) => { configured = null; throw e }))

  /** uploadImage hands back CDN URLs; the bytes are read back so the bot stores its own copy, like any file. */
  async function choose(camera: boolean): Promise<PickedImage | null> {
    await ready()
    let urls: string[]
    try {
      urls = camera ? await o.dd.biz.util.uploadImageFromCamera({ compression: true })
        : await o.dd.biz.util.uploadImage({ multiple: false, max: 1, compression: true, authType: CDN_ONLY })
    } catch (e) {
      if (cancelled(e)) return null
      throw e
    }
    const url = urls[0]
    if (!url) return null
    const res = await o.fetch(url).catch(() => null)
    // The CDN copy could not be read back (offline, or a CDN without CORS — unverified): the file chooser instead.
    if (!res?.ok) return pickFile(camera)
    return { kind: 'file', file: await res.blob(), name: url.split('/').pop()?.split('?')[0] || 'dingtalk.jpg' }
  }

  return {
    name: 'dingtalk',
    signIn,
    getContext: async () => ({ entry: 'normal' }),
    chooseImage: () => choose(false),
    // uploadImageFromCamera is mobile-only; the desktop client gets the browser's file chooser
    takePhoto: () => (mobile ? choose(true) : pickFile(true)),
    async getLocation(): Promise<GeoFix> {
      await ready()
      const r = await o.dd.device.geolocation.get(GEO)
      const fix = r.location ?? r // Android ≤ 2.1 nests the fix under `location`
      return { lat: fix.latitude, lng: fix.longitude, accuracy: fix.accuracy, coordSystem: 'gcj02' }
    },
    voice: null,
    canSendChatMessage: false,
    async sendChatMessage() {
      throw new Error('DingTalk has no current-chat message JSAPI')
    },
  }
}
