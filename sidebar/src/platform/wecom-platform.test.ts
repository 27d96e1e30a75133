import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createApiClient } from '../api/client.js'
import { fakeBot } from '../testing/fake-bot.js'

// @wecom/jssdk is a third-party SDK that only works inside the WeCom client: stand in for the client here
const sdk = vi.hoisted(() => ({
  calls: [] as string[],
  registered: null as null | Record<string, unknown>,
  entry: 'single_chat_tools',
}))
vi.mock('@wecom/jssdk', () => ({
  SourceType: { album: 'album', camera: 'camera' },
  SizeType: { original: 'original', compressed: 'compressed' },
  LocationType: { wgs84: 'wgs84', gcj02: 'gcj02' },
  register: (o: Record<string, unknown>) => { sdk.calls.push('register'); sdk.registered = o },
  getContext: async () => { sdk.calls.push('getContext'); return { entry: sdk.entry } },
  getCurExternalContact: async () => { sdk.calls.push('getCurExternalContact'); return { userId: 'wm-ext-1' } },
  getCurExternalChat: async () => { sdk.calls.push('getCurExternalChat'); return { chatId: 'wr-1' } },
  chooseImage: async () => { sdk.calls.push('chooseImage'); return { localIds: ['local-1'] } },
  uploadImage: async (p: { localId: string }) => { sdk.calls.push(`uploadImage ${p.localId}`); return { serverId: 'media-1' } },
  getLocation: async (p: { type: string }) => { sdk.calls.push(`getLocation ${p.type}`); return { latitude: 30.1, longitude: 120.2, accuracy: 35, speed: 0 } },
  sendChatMessage: async (p: { text: { content: string } }) => { sdk.calls.push(`send ${p.text.content}`) },
}))
const { createWecomPlatform } = await import('./wecom-platform.js')

const PHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148 wxwork/4.1.30'
const PAGE = 'https://crm.example.cn/sidebar/index.html?x=1#/card'
const signature = (n: string) => ({ corpId: 'ww-corp', agentId: '1000002', timestamp: 1764200000, nonceStr: `nonce-${n}`, signature: `sig-${n}` })

function setUp(ua = PHONE) {
  const bot = fakeBot({
    'GET /api/wecom/jssdk-config': () => ({ body: signature('corp') }),
    'GET /api/wecom/agent-config': () => ({ body: signature('agent') }),
  })
  return { bot, platform: createWecomPlatform(createApiClient(bot.fetch), ua, PAGE) }
}

describe('WeCom platform', () => {
  beforeEach(() => {
    sdk.calls = []
    sdk.registered = null
    sdk.entry = 'single_chat_tools'
  })

  it('registers with both signers before asking for the context, signing the URL without its fragment', async () => {
    const { bot, platform } = setUp()
    expect(sdk.calls).toEqual([]) // nothing happens before the first JSAPI call (the session may not exist yet)
    expect(await platform.getContext()).toEqual({ entry: 'single_chat_tools', externalUserId: 'wm-ext-1' })
    expect(sdk.calls).toEqual(['register', 'getContext', 'getCurExternalContact'])
    expect(bot.calls('GET', '/api/wecom/jssdk-config')[0]?.query.get('url')).toBe('https://crm.example.cn/sidebar/index.html?x=1')

    const reg = sdk.registered as { corpId: string; agentId: string; getConfigSignature: (u: string) => Promise<unknown>; getAgentConfigSignature: (u: string) => Promise<unknown> }
    expect([reg.corpId, reg.agentId]).toEqual(['ww-corp', '1000002'])
    expect(await reg.getConfigSignature('https://crm.example.cn/sidebar/index.html?x=1')).toEqual({ timestamp: 1764200000, nonceStr: 'nonce-corp', signature: 'sig-corp' })
    expect(await reg.getAgentConfigSignature('https://crm.example.cn/sidebar/index.html?x=1')).toEqual({ timestamp: 1764200000, nonceStr: 'nonce-agent', signature: 'sig-agent' })
    expect(bot.calls('GET', '/api/wecom/jssdk-config')).toHaveLength(1) // the first signature is reused for the same URL
  })

  it('registers once however many calls follow', async () => {
    const { platform } = setUp()
    await Promise.all([platform.getContext(), platform.getLocation(), platform.sendChatMessage('您好')])
    expect(sdk.calls.filter((c) => c === 'register')).toHaveLength(1)
  })

  it.each([
    ['group_chat_tools', { entry: 'group_chat_tools', chatId: 'wr-1' }],
    ['chat_attachment', { entry: 'chat_attachment' }],
    ['normal', { entry: 'normal' }],
  ])('maps the %s entry', async (entry, ctx) => {
    sdk.entry = entry
    expect(await setUp().platform.getContext()).toEqual(ctx)
  })

  it('turns a chosen image into a media id the bot can fetch, and asks for GCJ-02 locations', async () => {
    const { platform } = setUp()
    expect(await platform.chooseImage()).toEqual({ kind: 'media', mediaId: 'media-1' })
    expect(await platform.getLocation()).toEqual({ lat: 30.1, lng: 120.2, accuracy: 35, coordSystem: 'gcj02' })
    expect(sdk.calls).toContain('uploadImage local-1')
    expect(sdk.calls).toContain('getLocation gcj02')
  })

  it('offers voice only on phones', () => {
    expect(setUp().platform.voice).not.toBeNull()
    expect(setUp('Mozilla/5.0 (Windows NT 10.0; Win64; x64) wxwork/4.1.33 WindowsWechat').platform.voice).toBeNull()
  })
})
