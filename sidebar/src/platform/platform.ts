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
  readonly name: 'wecom' | 'dev'
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

/** WeCom's in-app browser always says `wxwork` in its user agent (mobile and desktop clients). */
export const platformKindFor = (userAgent: string): PlatformKind => (/wxwork/i.test(userAgent) ? 'wecom' : 'dev')

/** Phones and tablets; WeCom's desktop clients lack chooseImage, voice and location JSAPIs. */
export const isMobileAgent = (userAgent: string): boolean => /Android|iPhone|iPad|iPod|Mobile|HarmonyOS/i.test(userAgent)
