import type { ApiErrorBody, DeliverablesMissingParams, I18nText, MissingDeliverable } from './contract.js'

/** What the UI shows for any failed call: a stable code and the message in both languages. */
export type UiError = { code: string; message: I18nText; params?: Record<string, unknown>; status?: number }

export class ApiError extends Error {
  override readonly name = 'ApiError'
  constructor(readonly ui: UiError) {
    super(ui.code)
  }
}

export const NETWORK_ERROR: UiError = {
  code: 'NETWORK',
  message: { zh: '网络不可用，请检查网络后重试', en: 'No network connection; check it and try again' },
}

const UNKNOWN_MESSAGE: I18nText = { zh: '服务器返回了无法识别的应答（{status}）', en: 'The server sent an unexpected answer ({status})' }

/** Compared by name, not instanceof: errors cross module copies in tests and bundles. */
export const isApiError = (x: unknown): x is ApiError => x instanceof Error && x.name === 'ApiError' && 'ui' in x

export const isNetworkError = (x: unknown): boolean => isApiError(x) && x.ui.code === NETWORK_ERROR.code

export function toUiError(x: unknown): UiError {
  if (isApiError(x)) return x.ui
  return { code: 'INTERNAL', message: { zh: `出错了：${String(x)}`, en: `Something went wrong: ${String(x)}` } }
}

export function errorFromBody(status: number, body: unknown): UiError {
  const e = (body as Partial<ApiErrorBody> | null)?.error
  if (e && typeof e.code === 'string' && typeof e.message?.zh === 'string' && typeof e.message.en === 'string') {
    return { code: e.code, message: e.message, status, ...(e.params ? { params: e.params } : {}) }
  }
  const fill = (s: string) => s.replace('{status}', String(status))
  return { code: 'UNEXPECTED_RESPONSE', status, message: { zh: fill(UNKNOWN_MESSAGE.zh), en: fill(UNKNOWN_MESSAGE.en) } }
}

/** The structured list of a DELIVERABLES_MISSING refusal, or [] for any other error. */
export function missingFrom(e: UiError): MissingDeliverable[] {
  if (e.code !== 'DELIVERABLES_MISSING') return []
  const items = (e.params as Partial<DeliverablesMissingParams> | undefined)?.items
  return Array.isArray(items) ? items : []
}
