import type { EntityManager } from 'typeorm'
import type { ProcessDefinition } from '../../core/process/schema.js'
import { addWorkingTime, type Calendar } from '../../core/timing/working-calendar.js'
import type { Customer } from '../db/entities/customer.entity.js'
import type { Member } from '../db/entities/member.entity.js'
import { DEMO_PRODUCTS, type DemoProduct } from './demo-data.js'
import type { DemoCustomerRef, EvidenceCtx, OppPlan, Person } from './history-evidence.js'
import { planOpportunity } from './history-opportunity.js'
import { seededRandom, seedFor, type Rng } from './history-random.js'
import { emptyRows, insertHistoryRows, type HistoryRows } from './history-rows.js'
import { currentTimeline, DAY, historyTimeline, officeHours, type DueFor } from './history-timeline.js'

/** How far back the demo's history reaches. */
export const HISTORY_DAYS = 120

export type HistoryInput = {
  /** `slug` keys the dice: the same tenant gets the same history; two tenants in one database never share row ids. */
  tenantId: string; slug: string; def: ProcessDefinition; now: Date; calendar: Calendar; storageDir: string
  reps: Member[]; manager: Member; director: Member; customers: Customer[]
  /** Other processes the tenant runs: history only, a deal every 10–20 days per rep with a customer it fits. */
  others?: ProcessDefinition[]
}

const dueFor = (def: ProcessDefinition, cal: Calendar): DueFor => (node, enteredAt) => {
  const limit = def.nodes.find((n) => n.key === node)?.timeLimit
  return limit ? addWorkingTime(enteredAt, limit.maxDwell, cal) : null
}

const person = (m: Member): Person => ({ id: m.id, platformUserId: m.platformUserId, name: m.name })
const ref = (c: Customer): DemoCustomerRef => ({ id: c.id, name: c.name, industry: c.industry ?? '', lat: c.lat ?? 0, lng: c.lng ?? 0 })
const productsFor = (industry: string | null) => DEMO_PRODUCTS.filter((p) => p.industry === industry)

function plan(rng: Rng, c: Customer, owner: Member, product: DemoProduct): OppPlan {
  return { id: rng.uuid(), title: `${c.name} · ${product.title}`, customer: ref(c), owner: person(owner), product }
}

/**
 * Today's opportunity per customer (as the demo always had) and about four months of earlier ones per rep — a new
 * deal every 5–11 days in the main process (fewer in the others), each through the nodes with its evidence, approvals
 * and audit entries — written in batches.
 * Deterministic: a fixed seed per tenant slug, times relative to `now`. Returns the number of opportunities.
 */
export async function seedHistory(tx: EntityManager, h: HistoryInput): Promise<number> {
  const rows = planHistory(h)
  await insertHistoryRows(tx, h.tenantId, rows, h.storageDir)
  return rows.opportunities.length
}

/** The rows seedHistory writes, planned in memory (no I/O): the same input gives the same rows. */
export function planHistory(h: Omit<HistoryInput, 'storageDir'>): HistoryRows {
  const rng = seededRandom(seedFor(h.slug))
  const ctx: EvidenceCtx = { tenantId: h.tenantId, def: h.def, now: h.now, rng, rows: emptyRows(), manager: person(h.manager), director: person(h.director) }
  const due = dueFor(h.def, h.calendar)
  for (const [i, c] of h.customers.entries()) {
    const owner = h.reps.find((r) => r.id === c.ownerId)!
    const products = productsFor(c.industry)
    planOpportunity(ctx, plan(rng, c, owner, products[i % products.length]!), currentTimeline(h.def, i, h.now, due, rng))
  }
  pastDeals(ctx, h, h.def, [5, 11])
  for (const def of h.others ?? []) pastDeals({ ...ctx, def }, h, def, [10, 20])
  return ctx.rows
}

/** Each rep's earlier deals in one process, one every `gap` days, with customers the process fits (a hospital process: hospitals). */
function pastDeals(ctx: EvidenceCtx, h: Omit<HistoryInput, 'storageDir'>, def: ProcessDefinition, [minGap, maxGap]: [number, number]): void {
  const { rng } = ctx
  const due = dueFor(def, h.calendar)
  const fits = (c: Customer) => !def.id.startsWith('hospital') || c.industry === '医疗'
  for (const rep of h.reps) {
    const mine = h.customers.filter((c) => c.ownerId === rep.id && fits(c))
    if (mine.length === 0) continue
    for (let daysAgo = HISTORY_DAYS - rng.int(0, 6); daysAgo > 2; daysAgo -= rng.int(minGap, maxGap)) {
      const c = rng.pick(mine)
      const start = officeHours(h.now.getTime() - daysAgo * DAY, rng)
      if (start < h.now) planOpportunity(ctx, plan(rng, c, rep, rng.pick(productsFor(c.industry))), historyTimeline(def, start, h.now, due, rng))
    }
  }
}
