import Router from '@koa/router'
import type { Context } from 'koa'
import { verifyUrl, openCallback } from '../../io/channels/wecom/codec.js'
import { AppError } from '../../io/app-error.js'
import { insertInbox } from '../../io/db/inbox.repo.js'
import type { Db } from '../../io/db/data-source.js'
import type { QueueKit } from '../../io/queue/queue-kit.js'
import { ENV_TENANT_SLUG, type TenantDirectory, type WecomTenant } from '../../io/tenants.js'
import type { AppState } from '../app-state.js'
import { queryOf } from '../middleware/query.js'
import { readRawBody } from '../middleware/raw-body.js'
import { enqueueInbox } from '../../io/queue/enqueue-inbox.js'

export type WecomRouteDeps = { db: Db; queues: QueueKit; tenants: TenantDirectory; bodyLimit: number }

/**
 * WeCom callbacks (WC/90930): GET verifies the URL (bare decrypted echostr), POST stores the event in the
 * inbox, answers 200 with an empty body in milliseconds, and enqueues it. A forged signature is 401 and
 * an undecryptable body 400; in both cases nothing is stored.
 */
export function wecomRoutes(d: WecomRouteDeps): Router<AppState> {
  const router = new Router<AppState>()
  const tenantOf = async (ctx: Context): Promise<WecomTenant> => {
    const slug = (ctx.params as { tenant?: string }).tenant ?? ENV_TENANT_SLUG
    const t = await d.tenants.wecom(slug)
    if (!t) throw new AppError('TENANT_UNKNOWN', { tenant: slug })
    return t
  }
  const verify = async (ctx: Context) => {
    const t = await tenantOf(ctx)
    const echo = verifyUrl(t.ring, queryOf(ctx))
    if (!echo.ok) throw AppError.from(echo.error)
    ctx.type = 'text/plain'
    ctx.body = echo.value
  }
  const receive = async (ctx: Context & { state: AppState }) => {
    const t = await tenantOf(ctx)
    const opened = openCallback(t.ring, queryOf(ctx), await readRawBody(ctx, d.bodyLimit))
    if (!opened.ok) throw AppError.from(opened.error)
    const { event, plaintext } = opened.value
    const row = await insertInbox(d.db.manager, {
      tenantId: t.tenantId, channel: 'wecom', dedupeKey: event.dedupeKey, eventType: event.kind,
      payload: event as unknown as Record<string, unknown>, raw: plaintext, receivedAt: new Date(),
    })
    // The row is committed, which is all the 200 promises. The enqueue goes on after the answer: it never fails
    // (a lost one is the sweep's), and not waiting on Redis lets its adds gather into fewer, larger addBulk calls.
    if (row.inserted) void enqueueInbox(d.queues, t.tenantId, row.id, ctx.state)
    ctx.status = 200
    // WeCom: an empty 200 means "received, no passive reply". The type is given, not looked up in mime-types.
    ctx.set('Content-Type', 'text/plain; charset=utf-8')
    ctx.body = ''
  }
  for (const path of ['/wecom/callback', '/wecom/:tenant/callback']) {
    router.get(path, verify)
    router.post(path, receive)
  }
  return router
}
