import type Router from '@koa/router'
import { z } from 'zod'
import { AppError } from '../../io/app-error.js'
import { Tenant } from '../../io/db/entities/tenant.entity.js'
import { findMemberByPlatformId } from '../../io/db/member.repo.js'
import { upsertMemberFromChannel } from '../../io/db/org.repo.js'
import { ENV_DINGTALK_SLUG } from '../../io/tenants.js'
import { setSessionCookie, type SessionState } from '../middleware/session.js'
import { readJson, type SidebarDeps } from './sidebar-api.route.js'

const LoginBody = z.object({
  /** runtime.permission.requestAuthCode's code: single use, 5 minutes (PLATFORMS §6.6). */
  code: z.string().min(1).max(512),
  tenant: z.string().min(1).max(64).optional(),
})

/**
 * The sidebar as a DingTalk H5 micro-app signs in without a redirect: the page asks DingTalk for an auth code
 * and posts it here; the code is exchanged server-side (topapi/v2/user/getuserinfo) for the member's userid,
 * then the same session cookie as WeCom OAuth is set, bound to (tenant, member). The page never names the user.
 */
export function addDingtalkAuthRoutes(r: Router<SessionState>, d: SidebarDeps): void {
  r.post('/auth/dingtalk/login', async (ctx) => {
    const body = await readJson(ctx, LoginBody)
    const slug = body.tenant ?? ENV_DINGTALK_SLUG
    const tenant = await d.db.manager.findOneBy(Tenant, { slug })
    if (!tenant || tenant.channel !== 'dingtalk') throw new AppError('TENANT_UNKNOWN', { tenant: slug })
    const client = await d.channels.dingtalk(tenant.id)
    const userId = await client.userIdFromAuthCode(body.code)
    // A member not synced yet is learned from the directory now, with their direct manager.
    const member = await findMemberByPlatformId(d.db.manager, tenant.id, userId)
      ?? await upsertMemberFromChannel(d.db.manager, tenant.id, await client.getMember(userId))
    if (!member.active) throw new AppError('FORBIDDEN')
    setSessionCookie(ctx, d.settings.SESSION_SECRET, { tenantId: tenant.id, memberId: member.id, channel: 'dingtalk' })
    ctx.body = { member: { id: member.id, name: member.name }, tenant: { id: tenant.id, name: tenant.name } }
  })
}
