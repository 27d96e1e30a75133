import { expect, it } from 'vitest'
import { isMobileAgent, platformKindFor } from './platform.js'
import { entryFromWecom } from './wecom-entry.js'

const WECOM_ANDROID = 'Mozilla/5.0 (Linux; Android 14; V2241A) AppleWebKit/537.36 Chrome/116 Mobile Safari/537.36 wxwork/4.1.30 MicroMessenger/7.0.1 Language/zh'
const WECOM_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/98 Safari/537.36 wxwork/4.1.33 (MicroMessenger/6.2) WindowsWechat MailPlugin_Electron WeMail embeddisk'
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36'

it.each([
  [WECOM_ANDROID, 'wecom', true],
  [WECOM_WINDOWS, 'wecom', false],
  [CHROME, 'dev', false],
])('%s → %s (mobile %s)', (ua, kind, mobile) => {
  expect(platformKindFor(ua)).toBe(kind)
  expect(isMobileAgent(ua)).toBe(mobile)
})

it.each([
  ['single_chat_tools', 'single_chat_tools'],
  ['contact_profile', 'single_chat_tools'],
  ['group_chat_tools', 'group_chat_tools'],
  ['chat_attachment', 'chat_attachment'],
  ['single_kf_tools', 'normal'],
  ['normal', 'normal'],
  ['something_new', 'normal'],
])('WeCom entry %s → %s', (wecom, ours) => {
  expect(entryFromWecom(wecom)).toBe(ours)
})
