import Router from '@koa/router'
import type { Context } from 'koa'
import type { ChannelEvent } from '../../io/channels/channel.js'
import { randomNonce } from '../../io/channels/crypto.js'
import { openDingtalkCallback, openRobotMessage, sealSuccess } from '../../io/channels/dingtalk/codec.js'
import { AppError } from '../../io/app-error.js'
import { insertInbox } from '../../io/db/inbox.repo.js'
import type { Db } from '../../io/db/data-source.js'
import type { QueueKit } from '../../io/queue/queue-kit.js'
import { enqueueInbox } from '../../io/queue/enqueue-inbox.js'
import { ENV_DINGTALK_SLUG, type DingtalkTenant, type TenantDirectory } from '../../io/tenants.js'
import type { AppState } from '../app-state.js'
import { queryOf } from '../middleware/query.js'
import { readRawBody } from '../middleware/raw-body.js'

export type DingtalkRouteDeps = { db: Db; queues: QueueKit; tenants: TenantDirectory; bodyLimit: number; now?: () => number }

/**
 * DingTalk HTTP push (PLATFORMS §6.1): verify → decrypt → inbox → enqueue, then the encrypted `success` well
 * inside DingTalk's 1500 ms. `check_url` (setup) is answered the same way and not stored. A robot in HTTP mode
 * posts its message to the same URL, signed with `timestamp`/`sign` headers instead (§6.3).
 */
export function dingtalkRoutes(d: DingtalkRouteDeps): Router<AppState> {
  const router = new Router<AppState>()
  const now = d.now ?? Date.now
  const tenantOf = async (ctx: Context): Promise<DingtalkTenant> => {
    const slug = (ctx.params as { tenant?: string }).tenant ?? ENV_DINGTALK_SLUG
    const t = await d.tenants.dingtalk(slug)
    if (!t) throw new AppError('TENANT_UNKNOWN', { tenant: slug })
    return t
  }
  const store = async (ctx: Context & { state: AppState }, t: DingtalkTenant, event: ChannelEvent, raw: string) => {
    const row = await insertInbox(d.db.manager, {
      tenantId: t.tenantId, channel: 'dingtalk', dedupeKey: event.dedupeKey, eventType: event.kind,
      payload: event as unknown as Record<string, unknown>, raw, receivedAt: new Date(),
    })
    // As on WeCom: the committed row is what the answer promises; the enqueue follows it (a lost one is the sweep's).
    if (row.inserted) void enqueueInbox(d.queues, t.tenantId, row.id, ctx.state)
  }
  const receive = async (ctx: Context & { state: AppState }) => {
    const t = await tenantOf(ctx)
    const body = await readRawBody(ctx, d.bodyLimit)
    const sign = ctx.get('sign')
    if (sign) {
      const ev = openRobotMessage(t.appSecret, { timestamp: ctx.get('timestamp'), sign }, body, now())
      if (!ev.ok) throw AppError.from(ev.error)
      await store(ctx, t, ev.value, body)
      ctx.body = {}
      return
    }
    const opened = openDingtalkCallback(t.ring, queryOf(ctx), body, now())
    if (!opened.ok) throw AppError.from(opened.error)
    if (opened.value.event !== 'check_url') await store(ctx, t, opened.value.event, opened.value.plaintext)
    ctx.body = sealSuccess(t.ring, String(now()), randomNonce(8))
  }
  for (const path of ['/dingtalk/callback', '/dingtalk/:tenant/callback']) router.post(path, receive)
  return router
}
