import type { GeoFix } from '../api/contract.js'

/** Where the page was opened. Channel-neutral: each platform maps its own entry names onto these. */
export const ENTRIES = ['single_chat_tools', 'group_chat_tools', 'chat_attachment', 'normal'] as const
export type Entry = (typeof ENTRIES)[number]
export type PlatformContext = { entry: Entry; externalUserId?: string; chatId?: string }

/** A picked image: a channel media id the bot fetches itself, or the file (desktop and ordinary browsers). */
export type PickedImage = { kind: 'media'; mediaId: string } | { kind: 'file'; file: Blob; name: string }

export type VoiceInput = {
  start(): Promise<void>
  /** Stops recording and returns the recognised text. */
  stopAndTranscribe(): Promise<string>
}

export type Platform = {
  readonly name: 'wecom' | 'dingtalk' | 'dev'
  /** Platforms that sign in without a redirect (DingTalk's auth code) do it here when there is no session. */
  signIn?(): Promise<void>
  getContext(): Promise<PlatformContext>
  /** null when the user cancelled. */
  chooseImage(): Promise<PickedImage | null>
  takePhoto(): Promise<PickedImage | null>
  getLocation(): Promise<GeoFix>
  /** null where the platform has no speech recognition (text entry only). */
  readonly voice: VoiceInput | null
  readonly canSendChatMessage: boolean
  sendChatMessage(text: string): Promise<void>
}

export type PlatformKind = Platform['name']

/**
 * WeCom's in-app browser always says `wxwork` in its user agent (mobile and desktop clients), DingTalk's says
 * `DingTalk` (e.g. `AliApp(DingTalk/7.6.0)`); `?platform=dingtalk` forces DingTalk (a micro-app home URL may set it).
 */
export function platformKindFor(userAgent: string, search = ''): PlatformKind {
  if (new URLSearchParams(search).get('platform') === 'dingtalk' || /DingTalk/i.test(userAgent)) return 'dingtalk'
  return /wxwork/i.test(userAgent) ? 'wecom' : 'dev'
}

/** Phones and tablets; WeCom's desktop clients lack chooseImage, voice and location JSAPIs. */
export const isMobileAgent = (userAgent: string): boolean => /Android|iPhone|iPad|iPod|Mobile|HarmonyOS/i.test(userAgent)
