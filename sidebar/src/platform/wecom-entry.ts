import type { Entry } from './platform.js'

/**
 * WeCom's EntryType (PLATFORMS §4.2) onto ours. The customer profile page behaves like a 1:1 chat toolbar
 * (getCurExternalContact works there); customer-service, upstream/downstream and internal boards are "normal".
 */
export function entryFromWecom(entry: string): Entry {
  switch (entry) {
    case 'single_chat_tools':
    case 'contact_profile':
      return 'single_chat_tools'
    case 'group_chat_tools':
      return 'group_chat_tools'
    case 'chat_attachment':
      return 'chat_attachment'
    default:
      return 'normal'
  }
}
