import type { GeoFix } from '../api/contract.js'
import type { PickedImage, Platform, PlatformContext } from '../platform/platform.js'

/** A Platform whose device answers are given up front: what a WeCom client would return for this test. */
export function scriptedPlatform(opts: {
  context?: PlatformContext
  image?: PickedImage | null
  location?: GeoFix
  voiceText?: string
  name?: Platform['name']
  canSendChatMessage?: boolean
} = {}): Platform & { sent: string[] } {
  const sent: string[] = []
  return {
    name: opts.name ?? 'dev',
    sent,
    getContext: async () => opts.context ?? { entry: 'normal' },
    chooseImage: async () => opts.image ?? null,
    takePhoto: async () => opts.image ?? null,
    getLocation: async () => {
      if (!opts.location) throw new Error('location denied')
      return opts.location
    },
    voice: opts.voiceText === undefined ? null : { start: async () => {}, stopAndTranscribe: async () => opts.voiceText ?? '' },
    canSendChatMessage: opts.canSendChatMessage ?? true,
    sendChatMessage: async (text) => { sent.push(text) },
  }
}
