import type { ErrorCode, Params } from '../../../core/errors.js'
import { AppError } from '../../app-error.js'

// Platform errcodes → our taxonomy (PLATFORMS §3.1). Token errors are handled inside the client (refresh and
// retry once), so callers only ever see transient (retry with backoff) or permanent (don't) failures.

/** access_token invalid (40014), expired (42001) or rejected as a bad credential on an API call (40001). */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40014, 42001, 40001])
/** -1 system busy, 45009 frequency limit, 45033 concurrency limit: back off and retry. */
export const TRANSIENT_ERRCODES: ReadonlySet<number> = new Set([-1, 45009, 45033])
/** From gettoken: bad corpid (40013), secret (40001/40091) — configuration, never retried. */
export const CREDENTIAL_ERRCODES: ReadonlySet<number> = new Set([40013, 40001, 40091])

/**
 * An AppError (so the error boundary renders it from the catalog with its status) that also says whether a
 * retry can help (`transient`, read by isTransient) and carries the platform errcode for logs and alerts.
 */
export class ChannelApiError extends AppError {
  constructor(
    code: ErrorCode,
    readonly transient: boolean,
    params: Params,
    readonly errcode?: number,
  ) {
    super(code, params)
  }
}

/** `path` is the API path only: URLs carry the access_token and must never reach a message or a log. */
export function errcodeError(path: string, errcode: number, errmsg: string): ChannelApiError {
  if (TRANSIENT_ERRCODES.has(errcode)) return new ChannelApiError('CHANNEL_API_TRANSIENT', true, { channel: 'wecom', reason: `${path} errcode ${errcode}` }, errcode)
  return new ChannelApiError('CHANNEL_API_REJECTED', false, { channel: 'wecom', errcode, errmsg: errmsg.slice(0, 200), path }, errcode)
}

export const httpError = (path: string, status: number): ChannelApiError =>
  status >= 500 || status === 429
    ? new ChannelApiError('CHANNEL_API_TRANSIENT', true, { channel: 'wecom', reason: `${path} HTTP ${status}` })
    : new ChannelApiError('CHANNEL_API_REJECTED', false, { channel: 'wecom', errcode: `HTTP ${status}`, errmsg: '', path })

export const networkError = (path: string, cause: unknown): ChannelApiError =>
  new ChannelApiError('CHANNEL_API_TRANSIENT', true, { channel: 'wecom', reason: `${path} ${cause instanceof Error ? cause.name : 'network'}` })
