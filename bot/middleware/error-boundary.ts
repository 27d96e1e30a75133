import type { Middleware } from 'koa'
import { renderMessage } from '../../core/errors.js'
import { AppError, isAppError } from '../../io/app-error.js'
import type { AppState } from '../app-state.js'

/** The one place that decides what a caller sees: catalog text for AppErrors, a generic message otherwise. */
export const errorBoundary = (): Middleware<AppState> => async (ctx, next) => {
  try {
    await next()
    if (ctx.status === 404 && ctx.body === undefined) throw new AppError('NOT_FOUND', { what: ctx.path })
  } catch (err) {
    const requestId = ctx.state.requestId
    const e = isAppError(err) ? err : fromHttpError(err)
    if (!e) ctx.state.log.error({ err }, 'unhandled error')
    const shown = e ?? new AppError('INTERNAL', { requestId })
    ctx.status = shown.status
    ctx.body = { error: { code: shown.code, message: renderMessage(shown.code, { ...shown.params, requestId }), requestId } }
  }
}

/** Koa/raw-body errors that carry an expose-able 4xx status (e.g. 413 from a size cap). */
function fromHttpError(err: unknown): AppError | null {
  const x = err as { status?: number; expose?: boolean; type?: string; limit?: number; message?: string }
  if (x?.status === 413) return new AppError('PAYLOAD_TOO_LARGE', { limit: String(x.limit ?? '') })
  if (x?.expose && x.status && x.status >= 400 && x.status < 500) return new AppError('BAD_REQUEST', { detail: x.message ?? '' })
  return null
}
