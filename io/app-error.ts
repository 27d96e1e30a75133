import { ERRORS, isErrorCode, renderMessage, type ErrorCode, type Params, type Rejection } from '../core/errors.js'

/**
 * The only error whose text reaches a user: a catalog code, its params and the HTTP status.
 * Compare by `code` (isAppError checks the shape, not instanceof) because errors cross process
 * boundaries in job payloads.
 */
export class AppError extends Error {
  override name = 'AppError'
  readonly status: number
  constructor(readonly code: ErrorCode, readonly params: Params = {}, options?: { cause?: unknown }) {
    super(renderMessage(code, params).en, options)
    this.status = ERRORS[code].status
  }

  static from(r: Rejection): AppError {
    return new AppError(r.code, r.params)
  }
}

export function isAppError(e: unknown): e is AppError {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AppError'
    && isErrorCode((e as { code?: unknown }).code)
}

/** Transient: worth a retry with backoff (pg connection loss, Redis away, platform busy). */
export function isTransient(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false
  const x = e as { transient?: unknown; code?: unknown; message?: unknown }
  if (x.transient === true) return true
  const code = typeof x.code === 'string' ? x.code : ''
  return ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', '57P01', '08006', '08001', '40001', '40P01']
    .includes(code) || /Connection terminated|Connection is closed/i.test(String(x.message ?? ''))
}
