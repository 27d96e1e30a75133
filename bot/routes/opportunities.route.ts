import type Router from '@koa/router'
import { z } from 'zod'
import { describeMissing } from '../../core/opportunity/deliverable-check.js'
import type { AdvanceRejection } from '../../core/opportunity/advance.js'
import { ok } from '../../core/result.js'
import { AppError } from '../../io/app-error.js'
import { Opportunity } from '../../io/db/entities/opportunity.entity.js'
import { Tenant } from '../../io/db/entities/tenant.entity.js'
import { advanceDecision, definitionFor, handleEvent, openOpportunity } from '../../io/handle-event.js'
import { authorizeCustomer, authorizeOpportunity } from '../middleware/authorize.js'
import { sessionOf, type SessionState } from '../middleware/session.js'
import { nodeRef } from './customers.route.js'
import { apiRouter, readJson, refuse, type SidebarDeps } from './sidebar-api.route.js'

const StartBody = z.object({ clientId: z.string().min(1).max(64), customerId: z.string(), title: z.string().trim().min(1).max(200).optional() })
const AdvanceBody = z.object({ clientId: z.string().min(1).max(64), fromNode: z.string().min(1).max(64) })

/** Starting an opportunity and moving it on, through the engine; a refusal lists every missing deliverable. */
export function opportunityRoutes(d: SidebarDeps): Router<SessionState> {
  const r = apiRouter(d)

  r.post('/opportunities', async (ctx) => {
    const s = sessionOf(ctx)
    const body = await readJson(ctx, StartBody)
    const customer = await authorizeCustomer(d.db.manager, s, body.customerId)
    // One open opportunity per customer is what the card shows; a replayed (or doubled) start answers with it.
    const tenant = await d.db.manager.findOneByOrFail(Tenant, { id: s.tenantId })
    const processId = typeof tenant.settings.processId === 'string' ? tenant.settings.processId : d.config.definitions[0]?.id ?? ''
    const started = await openOpportunity(d, { tenantId: s.tenantId, customerId: customer.id, ownerId: s.memberId,
      title: body.title ?? customer.name, processId, actor: s.memberId, reuseOpen: true }, new Date())
    if (!started.ok) throw AppError.from(started.error)
    const opp = await d.db.manager.findOneByOrFail(Opportunity, { tenantId: s.tenantId, id: started.value.opportunityId })
    const def = await definitionFor(d.db.manager, d.config, s.tenantId, opp.processId, opp.definitionVersion)
    ctx.status = 201
    ctx.body = { id: opp.id, node: def ? nodeRef(def, opp.currentNode) : { key: opp.currentNode, name: { zh: opp.currentNode, en: opp.currentNode } } }
  })

  r.post('/opportunities/:id/advance', async (ctx) => {
    const s = sessionOf(ctx)
    const body = await readJson(ctx, AdvanceBody)
    const opp = await authorizeOpportunity(d.db.manager, s, ctx.params.id ?? '')
    const move = advanceDecision({ byId: s.memberId })
    // Decided under the lock: when the opportunity already left `fromNode` (a replay), nothing moves twice.
    const res = await handleEvent(d, { tenantId: s.tenantId, opportunityId: opp.id, actor: s.memberId }, new Date(),
      (i) => (i.opportunity.currentNode === body.fromNode && !i.opportunity.closedAt ? move(i) : ok(null)))
    if (!res.ok) {
      const e = res.error as AdvanceRejection
      if (e.code === 'DELIVERABLES_MISSING' && e.missing) {
        const items = e.missing.map((x) => ({ key: x.key, name: x.name, kind: x.kind, have: x.have, need: x.need }))
        return refuse(ctx, 'DELIVERABLES_MISSING', { node: body.fromNode, missing: describeMissing(e.missing) }, { items })
      }
      throw AppError.from(e)
    }
    const after = await d.db.manager.findOneByOrFail(Opportunity, { tenantId: s.tenantId, id: opp.id })
    const def = await definitionFor(d.db.manager, d.config, s.tenantId, after.processId, after.definitionVersion)
    ctx.body = { node: after.closedAt || !def ? null : nodeRef(def, after.currentNode) }
  })
  return r
}
