import Router from '@koa/router'
import { AppError } from '../../io/app-error.js'
import type { SessionState } from '../middleware/session.js'
import type { SidebarDeps } from './sidebar-api.route.js'

/** The dev platform's pickers (an ordinary browser has no WeCom context); 404 unless dev sign-in is on. */
export function devRoutes(d: SidebarDeps): Router<SessionState> {
  const r = new Router<SessionState>({ prefix: '/api/dev' })
  r.use(async (ctx, next) => {
    if (!d.devLogin) throw new AppError('NOT_FOUND', { what: ctx.path })
    await next()
  })
  r.get('/members', async (ctx) => {
    const rows = await d.db.query(`SELECT id, name FROM member WHERE active ORDER BY name LIMIT 500`) as { id: string; name: string }[]
    ctx.body = { items: rows }
  })
  r.get('/contacts', async (ctx) => {
    const rows = await d.db.query(`SELECT ct.external_user_id, ct.name, c.name AS customer_name FROM contact ct
      JOIN customer c ON c.id = ct.customer_id WHERE ct.external_user_id IS NOT NULL AND ct.deleted_at IS NULL
      ORDER BY c.name, ct.name LIMIT 500`) as { external_user_id: string; name: string; customer_name: string }[]
    ctx.body = { items: rows.map((x) => ({ externalUserId: x.external_user_id, name: x.name, customerName: x.customer_name })) }
  })
  return r
}
