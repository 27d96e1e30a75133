import type Router from '@koa/router'
import { AppError } from '../../io/app-error.js'
import type { TicketKind } from '../../io/channels/wecom/jsapi.js'
import { Tenant } from '../../io/db/entities/tenant.entity.js'
import { sessionOf, type SessionState } from '../middleware/session.js'
import { apiRouter, type SidebarDeps } from './sidebar-api.route.js'

/**
 * The two signatures ww.register needs (corp for config, agent for agentConfig), only for pages on the trusted
 * domain. Tickets and tokens stay on the server: the page gets the signature and what it was computed over.
 */
export function wecomJssdkRoutes(d: SidebarDeps): Router<SessionState> {
  const r = apiRouter(d)
  const sign = (kind: TicketKind) => async (ctx: Parameters<Parameters<typeof r.get>[1]>[0]) => {
    const s = sessionOf(ctx)
    const url = typeof ctx.query.url === 'string' ? ctx.query.url : ''
    if (!url) throw new AppError('BAD_REQUEST', { detail: 'url: required' })
    const tenant = await d.db.manager.findOneByOrFail(Tenant, { id: s.tenantId })
    if (tenant.channel !== 'wecom' || !tenant.corpId || !tenant.agentId) throw new AppError('TENANT_UNKNOWN', { tenant: tenant.slug })
    const client = await d.channels.wecom(s.tenantId)
    const signed = await client.signJsapi(url, kind)
    if (!signed.ok) throw AppError.from(signed.error)
    ctx.set('Cache-Control', 'no-store')
    ctx.body = { corpId: tenant.corpId, agentId: tenant.agentId, ...signed.value }
  }
  r.get('/wecom/jssdk-config', sign('corp'))
  r.get('/wecom/agent-config', sign('agent'))
  return r
}
