import { createHash } from 'node:crypto'
import Router from '@koa/router'
import type { ChannelEvent } from '../../io/channels/channel.js'
import { CARD_ACTION_PATH, verifyCardAction, type CardAction } from '../../io/channels/dingtalk/card-link.js'
import type { Db } from '../../io/db/data-source.js'
import { insertInbox } from '../../io/db/inbox.repo.js'
import { findTenantById } from '../../io/db/tenant.repo.js'
import type { QueueKit } from '../../io/queue/queue-kit.js'
import { enqueueInbox } from '../../io/queue/enqueue-inbox.js'
import type { AppState } from '../app-state.js'
import { cardErrorPage, cardResultPage } from './dingtalk-card-page.js'

export type DingtalkCardDeps = { db: Db; queues: QueueKit; secret: string; now?: () => number }

/**
 * A DingTalk card button (PLATFORMS §6.4: action cards open URLs): the signed link is the click. It becomes the
 * same card_click event WeCom's template_card_event gives, stored in the inbox under card + member + button,
 * so the worker's card handler acts once however often the button is tapped; the page shows the result.
 */
export function dingtalkCardRoutes(d: DingtalkCardDeps): Router<AppState> {
  const router = new Router<AppState>()
  const now = d.now ?? Date.now
  router.get(CARD_ACTION_PATH, async (ctx) => {
    ctx.type = 'text/html; charset=utf-8'
    ctx.set('cache-control', 'no-store')
    const a = verifyCardAction(d.secret, typeof ctx.query.t === 'string' ? ctx.query.t : '', now())
    const tenant = a && await findTenantById(d.db.manager, a.tenantId)
    if (!a || tenant?.channel !== 'dingtalk') {
      ctx.status = 401
      ctx.body = cardErrorPage('CARD_LINK_INVALID')
      return
    }
    const event = clickEvent(a, tenant.corpId ?? '', now())
    const row = await insertInbox(d.db.manager, { tenantId: a.tenantId, channel: 'dingtalk', dedupeKey: event.dedupeKey, eventType: event.kind,
      payload: event as unknown as Record<string, unknown>, raw: JSON.stringify({ link: ctx.query.t }), receivedAt: new Date(now()) })
    if (row.inserted) await enqueueInbox(d.queues, a.tenantId, row.id, ctx.state)
    ctx.body = cardResultPage(a.key, !row.inserted)
  })
  return router
}

/** Deduped like WeCom's clicks on TaskId + FromUserName + EventKey (PLATFORMS §2.5, §8.2). */
function clickEvent(a: CardAction, corpId: string, at: number): ChannelEvent {
  const actionKey = `${a.taskId}|${a.userId}|${a.key}`
  return { channel: 'dingtalk', dedupeKey: `card_${createHash('sha1').update(actionKey).digest('hex')}`, corpId, from: a.userId, sentAt: at,
    kind: 'card_click', eventKey: a.key, taskId: a.taskId, actionKey, selected: [] }
}
