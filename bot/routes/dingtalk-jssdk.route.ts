import type Router from '@koa/router'
import { AppError } from '../../io/app-error.js'
import { Tenant } from '../../io/db/entities/tenant.entity.js'
import { sessionOf, type SessionState } from '../middleware/session.js'
import { apiRouter, type SidebarDeps } from './sidebar-api.route.js'

/**
 * What dd.config needs inside DingTalk (PLATFORMS §6.6) for the device JSAPIs (location, images): the app's
 * agentId and a signature over the page URL, only for pages on the bot's public host. The ticket stays here.
 */
export function dingtalkJssdkRoutes(d: SidebarDeps): Router<SessionState> {
  const r = apiRouter(d)
  r.get('/dingtalk/jsapi-config', async (ctx) => {
    const s = sessionOf(ctx)
    const url = typeof ctx.query.url === 'string' ? ctx.query.url : ''
    if (!url) throw new AppError('BAD_REQUEST', { detail: 'url: required' })
    const tenant = await d.db.manager.findOneByOrFail(Tenant, { id: s.tenantId })
    if (tenant.channel !== 'dingtalk' || !tenant.agentId) throw new AppError('TENANT_UNKNOWN', { tenant: tenant.slug })
    const signed = await (await d.channels.dingtalk(s.tenantId)).signJsapi(url)
    if (!signed.ok) throw AppError.from(signed.error)
    ctx.set('Cache-Control', 'no-store')
    ctx.body = { agentId: tenant.agentId, ...signed.value }
  })
  return r
}
