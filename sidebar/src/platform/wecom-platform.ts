import * as ww from '@wecom/jssdk'
import type { ApiClient } from '../api/client.js'
import type { JsSdkSignature } from '../api/contract.js'
import { pickImageFile } from './file-input.js'
import { isMobileAgent, type PickedImage, type Platform, type PlatformContext } from './platform.js'
import { entryFromWecom } from './wecom-entry.js'

const JS_API_LIST = [
  'getContext', 'getCurExternalContact', 'getCurExternalChat', 'sendChatMessage', 'chooseImage', 'uploadImage',
  'getLocation', 'startRecord', 'stopRecord', 'translateVoice',
]

const signatureOf = (s: JsSdkSignature) => ({ timestamp: s.timestamp, nonceStr: s.nonceStr, signature: s.signature })

/**
 * PLATFORMS §8.9: register with both signers (clients < 3.0.24 run config before agentConfig), then getContext.
 * The SDK signs `location.href` without the fragment; the sidebar never changes its URL, so it signs once per load.
 */
export function createWecomPlatform(api: ApiClient, userAgent: string, pageUrl: string): Platform {
  const url = pageUrl.split('#')[0] ?? pageUrl
  let registered: Promise<void> | null = null
  // registration waits for the first JSAPI call: the signing endpoints need the session that OAuth sets first
  const ready = () => (registered ??= api.jssdkConfig(url).then((first) => {
    ww.register({
      corpId: first.corpId,
      agentId: first.agentId,
      jsApiList: JS_API_LIST,
      getConfigSignature: async (u) => signatureOf(u === url ? first : await api.jssdkConfig(u)),
      getAgentConfigSignature: async (u) => signatureOf(await api.agentConfig(u)),
    })
  }).catch((e: unknown) => { registered = null; throw e }))
  const mobile = isMobileAgent(userAgent)

  async function chooseAndUpload(camera: boolean): Promise<PickedImage | null> {
    // chooseImage is mobile-only (PLATFORMS §4.3): the desktop client gets the browser's file chooser
    if (!mobile) return pickImageFile(camera)
    await ready()
    const sourceType = camera ? [ww.SourceType.camera] : [ww.SourceType.album, ww.SourceType.camera]
    const chosen = await ww.chooseImage({ count: 1, sizeType: [ww.SizeType.original], sourceType })
    const localId = chosen.localIds[0]
    if (!localId) return null
    const uploaded = await ww.uploadImage({ localId, isShowProgressTips: true })
    return { kind: 'media', mediaId: uploaded.serverId }
  }

  return {
    name: 'wecom',
    async getContext(): Promise<PlatformContext> {
      await ready()
      const { entry: raw } = await ww.getContext()
      const entry = entryFromWecom(raw)
      if (entry === 'single_chat_tools') return { entry, externalUserId: (await ww.getCurExternalContact()).userId }
      if (entry === 'group_chat_tools') return { entry, chatId: (await ww.getCurExternalChat()).chatId }
      return { entry }
    },
    chooseImage: () => chooseAndUpload(false),
    takePhoto: () => chooseAndUpload(true),
    async getLocation() {
      await ready()
      const fix = await ww.getLocation({ type: ww.LocationType.gcj02 })
      return { lat: fix.latitude, lng: fix.longitude, accuracy: fix.accuracy, coordSystem: 'gcj02' }
    },
    voice: mobile
      ? {
          start: async () => { await ready(); await ww.startRecord() },
          async stopAndTranscribe() {
            const { localId } = await ww.stopRecord()
            return (await ww.translateVoice({ localId, isShowProgressTips: true })).translateResult
          },
        }
      : null,
    canSendChatMessage: true,
    async sendChatMessage(text) {
      await ready()
      await ww.sendChatMessage({ msgtype: 'text', text: { content: text } })
    },
  }
}
