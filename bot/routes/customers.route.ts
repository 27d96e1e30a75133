import type Router from '@koa/router'
import type { EntityManager } from 'typeorm'
import { missingDeliverables } from '../../core/opportunity/deliverable-check.js'
import type { ProcessDefinition } from '../../core/process/schema.js'
import { dueAtOf, nodeRunStatus, statusColour } from '../../core/timing/node-run-status.js'
import { AppError } from '../../io/app-error.js'
import type { Customer } from '../../io/db/entities/customer.entity.js'
import { Task } from '../../io/db/entities/task.entity.js'
import { findContactByExternalId, latestOpenOpportunity, mainContact, recentRecords, searchVisibleCustomers } from '../../io/db/customer.repo.js'
import { findOpportunityForUpdate } from '../../io/db/opportunity.repo.js'
import { definitionFor } from '../../io/handle-event.js'
import { authorizeCustomer } from '../middleware/authorize.js'
import { sessionOf, type Session, type SessionState } from '../middleware/session.js'
import { apiRouter, iso, type SidebarDeps } from './sidebar-api.route.js'

const RECORD_KINDS = new Set(['visit', 'quote', 'competitor_talk', 'deliverable', 'node_change', 'note'])

export const nodeRef = (def: ProcessDefinition, key: string) => {
  const n = def.nodes.find((x) => x.key === key)
  return { key, name: n?.name ?? { zh: key, en: key } }
}

/** The opportunity as the card shows it: node, due time and colour, what is missing, open tasks. */
async function opportunityCard(d: SidebarDeps, m: EntityManager, tenantId: string, opportunityId: string, now: Date) {
  const loaded = await m.transaction((tx) => findOpportunityForUpdate(tx, tenantId, opportunityId))
  if (!loaded) return null
  const { row, opportunity } = loaded
  const def = await definitionFor(m, d.config, tenantId, row.processId, row.definitionVersion)
  if (!def) return null
  const i = def.nodes.findIndex((n) => n.key === row.currentNode)
  const node = def.nodes[i]
  const run = opportunity.nodeRuns.findLast((r) => r.node === row.currentNode)
  const status = nodeRunStatus(run, node?.timeLimit, d.config.calendar, now)
  const next = def.nodes[i + 1]
  const tasks = await m.find(Task, { where: { tenantId, opportunityId }, order: { dueAt: 'ASC' } })
  return {
    id: row.id, title: row.title, node: nodeRef(def, row.currentNode), nextNode: next ? nodeRef(def, next.key) : null,
    dueAt: iso(run ? dueAtOf(run, node?.timeLimit, d.config.calendar) : null), status, colour: statusColour(status),
    missing: missingDeliverables(opportunity, def, row.currentNode)
      .map((x) => ({ key: x.key, name: x.name, kind: x.kind, have: x.have, need: x.need })),
    openTasks: tasks.filter((t) => !t.doneAt).map((t) => ({ id: t.id, title: taskTitle(t), dueAt: iso(t.dueAt) })),
  }
}

const taskTitle = (t: Task) => {
  const x = t.data.title as { zh?: unknown; en?: unknown } | undefined
  return typeof x?.zh === 'string' && typeof x.en === 'string' ? { zh: x.zh, en: x.en } : { zh: t.title, en: t.title }
}

export async function customerCard(d: SidebarDeps, s: Session, customer: Customer, now = new Date()) {
  const m = d.db.manager
  const contact = await mainContact(m, s.tenantId, customer.id, s.memberId)
  const opp = await latestOpenOpportunity(m, s.tenantId, customer.id)
  const records = await recentRecords(m, s.tenantId, customer.id, 3)
  return {
    customer: { id: customer.id, name: customer.name },
    contact: contact ? { externalUserId: contact.externalUserId ?? '', name: contact.name, corpName: customer.name } : null,
    opportunity: opp ? await opportunityCard(d, m, s.tenantId, opp.id, now) : null,
    records: records.map((x) => ({ id: x.id, kind: RECORD_KINDS.has(x.kind) ? x.kind : 'note', summary: x.summary, at: x.at.toISOString(), by: x.by })),
  }
}

/** The customer card (by WeCom external contact or by id) and the picker; every read is authorised. */
export function customerRoutes(d: SidebarDeps): Router<SessionState> {
  const r = apiRouter(d)
  r.get('/customers/by-external/:externalUserId', async (ctx) => {
    const s = sessionOf(ctx)
    const contact = await findContactByExternalId(d.db.manager, s.tenantId, ctx.params.externalUserId ?? '')
    if (!contact || contact.deletedAt) throw new AppError('NOT_FOUND', { what: `external contact ${ctx.params.externalUserId ?? ''}` })
    ctx.body = await customerCard(d, s, await authorizeCustomer(d.db.manager, s, contact.customerId))
  })
  r.get('/customers/:customerId/card', async (ctx) => {
    const s = sessionOf(ctx)
    ctx.body = await customerCard(d, s, await authorizeCustomer(d.db.manager, s, ctx.params.customerId ?? ''))
  })
  r.get('/customers', async (ctx) => {
    const s = sessionOf(ctx)
    const query = typeof ctx.query.query === 'string' ? ctx.query.query.trim().slice(0, 100) : ''
    const rows = await searchVisibleCustomers(d.db.manager, s.tenantId, s.memberId, query, 50)
    ctx.body = { items: rows.map((x) => {
      const def = x.processId ? d.config.definitions.find((p) => p.id === x.processId) : undefined
      return { id: x.id, name: x.name, externalUserId: x.externalUserId, nodeName: def && x.node ? nodeRef(def, x.node).name : null }
    }) }
  })
  return r
}
