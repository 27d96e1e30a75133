import Router from '@koa/router'
import type { Context } from 'koa'
import type { z } from 'zod'
import { renderMessage, type ErrorCode, type Params } from '../../core/errors.js'
import { AppError } from '../../io/app-error.js'
import { Activity } from '../../io/db/entities/activity.entity.js'
import type { ChannelRegistry } from '../../io/channels/registry.js'
import type { ProcessConfig } from '../../io/config/process-config.js'
import type { ShellDeps } from '../../io/handle-event.js'
import type { Settings } from '../../config/settings.js'
import { readRawBody } from '../middleware/raw-body.js'
import { requireSession, type Session, type SessionState } from '../middleware/session.js'

/** What the sidebar's API handlers share; built once in botRouters. */
export type SidebarDeps = ShellDeps & {
  settings: Settings
  channels: ChannelRegistry
  /** POST /auth/dev-login and /api/dev/* exist only when this is on (never in production unless DEV_LOGIN=true). */
  devLogin: boolean
  config: ProcessConfig
}

const JSON_LIMIT = 256 * 1024

/** A router whose every route needs a session (401 UNAUTHENTICATED otherwise). */
export function apiRouter(d: Pick<SidebarDeps, 'settings'>): Router<SessionState> {
  const r = new Router<SessionState>({ prefix: '/api' })
  r.use(requireSession(d.settings.SESSION_SECRET))
  return r
}

/** The JSON body checked against a schema; anything else is a 400 naming the first problem. */
export async function readJson<S extends z.ZodType>(ctx: Context, schema: S): Promise<z.output<S>> {
  // A form another site posts cannot be JSON-typed without a CORS preflight, which this API never grants.
  if (!ctx.is('application/json')) throw new AppError('BAD_REQUEST', { detail: 'content-type must be application/json' })
  const raw = await readRawBody(ctx, JSON_LIMIT)
  let parsed: unknown
  try {
    parsed = raw ? JSON.parse(raw) : {}
  } catch {
    throw new AppError('BAD_REQUEST', { detail: 'body is not JSON' })
  }
  return parseOr400(schema, parsed)
}

export function parseOr400<S extends z.ZodType>(schema: S, x: unknown): z.output<S> {
  const r = schema.safeParse(x)
  if (!r.success) {
    const i = r.error.issues[0]
    throw new AppError('BAD_REQUEST', { detail: `${i?.path.join('.') || '(body)'}: ${i?.message ?? 'invalid'}` })
  }
  return r.data
}

/** A refusal that carries structured params for the page (e.g. the missing deliverables), in the catalog's shape. */
export function refuse(ctx: Context & { state: SessionState }, code: ErrorCode, params: Params, extra: Record<string, unknown>): void {
  ctx.status = new AppError(code, params).status
  ctx.body = { error: { code, message: renderMessage(code, params), requestId: ctx.state.requestId, params: { ...params, ...extra } } }
}

/** A second request with the same client id lost the race to the unique index: answer with the first one's result. */
export const isUniqueViolation = (e: unknown): boolean => {
  const x = e as { code?: unknown; driverError?: { code?: unknown } } | null
  return x?.code === '23505' || x?.driverError?.code === '23505'
}

/** The record an earlier request with this client id created, if it was this member's and of this kind. */
export async function replayedActivity(d: Pick<SidebarDeps, 'db'>, s: Session, clientId: string, kind: string): Promise<string | null> {
  const existing = await d.db.manager.findOneBy(Activity, { tenantId: s.tenantId, clientId })
  if (!existing) return null
  if (existing.memberId !== s.memberId || existing.kind !== kind) throw new AppError('CLIENT_ID_REUSED', { clientId })
  return existing.id
}

export const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null)
