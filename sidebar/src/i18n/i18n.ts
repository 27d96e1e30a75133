import { createI18n, useI18n } from 'vue-i18n'
import type { I18nText } from '../api/contract.js'
import en from './en.json'
import zhCN from './zh-CN.json'

export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]
const STORAGE_KEY = 'salespath.locale'

/** Chinese first: English only when the rep chose it before (kept in localStorage). */
export function initialLocale(storage: Pick<Storage, 'getItem'> | undefined): Locale {
  const saved = storage?.getItem(STORAGE_KEY)
  return saved === 'en' ? 'en' : 'zh-CN'
}

export function createSidebarI18n(locale: Locale = 'zh-CN') {
  return createI18n({ legacy: false, locale, fallbackLocale: 'zh-CN', messages: { 'zh-CN': zhCN, en } })
}

export function useLang() {
  const { t, locale } = useI18n()
  const pick = (text: I18nText) => (locale.value === 'en' ? text.en : text.zh)
  const setLocale = (next: Locale, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage) => {
    locale.value = next
    storage?.setItem(STORAGE_KEY, next)
  }
  const formatTime = (iso: string) =>
    new Date(iso).toLocaleString(locale.value, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })
  return { t, locale, pick, setLocale, formatTime }
}
