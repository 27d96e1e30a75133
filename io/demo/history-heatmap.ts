import type { DataSource, EntityManager } from 'typeorm'
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js'
import type { HeatmapConfig } from '../../core/dashboard/heatmap-config.js'
import { lastWeeks, QUIET_MS } from '../../core/dashboard/heatmap.js'
import { loadHeatmapConfig } from '../config/heatmap-config.js'
import { Activity } from '../db/entities/activity.entity.js'
import { Customer } from '../db/entities/customer.entity.js'
import { Member } from '../db/entities/member.entity.js'
import { seedKnowledgeHistory } from './history-knowledge.js'

const HOUR = 3_600_000
const DAY = 24 * HOUR
export const HISTORY_WEEKS = 12
const NOTES = ['介绍新款设备参数', '了解科室耗材用量', '拜访科主任，讨论更新计划', '与设备科确认预算流程', '护士长反馈使用体验', '跟进招标进度']

/**
 * About twelve weeks of visits carrying the heatmap's fields (department, purchase intent, consumables, roles met)
 * for every customer with departments, plus knowledge items in each review state over the last four quarters.
 * Every sixth customer goes quiet for the last three weeks, so the page shows red customers. Idempotent: a tenant
 * that already has heatmap visits or knowledge items is left alone. Deterministic for a given `now`.
 */
export async function seedHeatmapHistory(db: DataSource, tenantId: string, now: Date, cfg: HeatmapConfig = loadHeatmapConfig()): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`seed-heatmap:${tenantId}`])
    const [seen] = await tx.query(`SELECT EXISTS (SELECT 1 FROM activity WHERE tenant_id = $1 AND kind = 'visit' AND data ? 'heatmap')
      OR EXISTS (SELECT 1 FROM knowledge_item WHERE tenant_id = $1) AS seen`, [tenantId]) as { seen: boolean }[]
    if (seen?.seen) return
    const members = await tx.find(Member, { where: { tenantId, active: true }, order: { name: 'ASC' } })
    const reps = members.filter((m) => m.role === 'rep')
    if (reps.length === 0) return
    await seedVisits(tx, cfg, tenantId, now, reps)
    await seedKnowledgeHistory(tx, tenantId, now, members)
  })
}

async function seedVisits(tx: EntityManager, cfg: HeatmapConfig, tenantId: string, now: Date, reps: Member[]): Promise<void> {
  const known = new Set(cfg.department.options.map((o) => o.key))
  const customers = (await tx.find(Customer, { where: { tenantId }, order: { name: 'ASC' } }))
    .filter((c) => c.departments.some((d) => known.has(d.key)))
  const weeks = lastWeeks(now.getTime(), HISTORY_WEEKS)
  const quietSince = weeks.at(-1)! + 7 * DAY - QUIET_MS
  const advanced = new Map((await tx.query(`SELECT o.customer_id, max(r.entered_at) AS last FROM node_run r JOIN opportunity o ON o.id = r.opportunity_id
    WHERE r.tenant_id = $1 GROUP BY 1`, [tenantId]) as { customer_id: string; last: Date }[]).map((r) => [r.customer_id, r.last.getTime()]))
  const extra = cfg.department.options.map((o) => o.key).filter((k) => !customers.some((c) => c.departments.some((d) => d.key === k)))
  const rows: Partial<Activity>[] = []
  customers.forEach((c, i) => {
    const depts = c.departments.filter((d) => known.has(d.key)).map((d) => d.key)
    const picked = [depts[i % depts.length]!, depts[(i + 1) % depts.length]!, ...(extra.length ? [extra[i % extra.length]!] : [])]
      .filter((d, k, a) => a.indexOf(d) === k)
    const owner = reps.find((r) => r.id === c.ownerId) ?? reps[i % reps.length]!
    // quiet for the last three weeks: every sixth customer, and those whose opportunities have not moved either (so they show red)
    const quiet = i % 6 === 0 || (advanced.get(c.id) ?? 0) < quietSince
    picked.forEach((dept, j) => {
      let k = 0
      weeks.forEach((week, w) => {
        if ((w + i + j) % (1 + ((i + j) % 2)) !== 0) return
        if (quiet && w >= HISTORY_WEEKS - 3) return
        const at = new Date(week + ((i + j) % 4) * DAY + (10 + j * 3) * HOUR - 8 * HOUR)
        if (at >= now) return
        rows.push(visit(cfg, { tenantId, customerId: c.id, memberId: owner.id, at, dept, i, j, k: k++ }))
      })
    })
  })
  for (let s = 0; s < rows.length; s += 500) await tx.insert(Activity, rows.slice(s, s + 500) as QueryDeepPartialEntity<Activity>[])
}

type VisitSeed = { tenantId: string; customerId: string; memberId: string; at: Date; dept: string; i: number; j: number; k: number }

/** One visit's answers: intent creeping up, consumables use growing toward its potential, one more role met now and then. */
function visit(cfg: HeatmapConfig, v: VisitSeed): Partial<Activity> {
  const options = (key: string) => { const f = cfg.fields.find((x) => x.key === key); return f && f.type !== 'number' ? f.options.map((o) => o.key) : [] }
  const intent = options('purchaseIntent')
  const roles = options('rolesMet')
  const potential = 200 + 50 * ((v.i + v.j) % 5)
  const heatmap: Record<string, unknown> = { [cfg.department.field]: v.dept }
  const ceiling = v.i % 4 === 3 ? 2 : intent.length - 1 // some departments never get past evaluating
  if (intent.length) heatmap.purchaseIntent = intent[Math.min(ceiling, Math.floor((v.k + v.i % 3) / 3))]
  if (cfg.fields.some((f) => f.key === 'consumablesCurrent')) {
    heatmap.consumablesPotential = potential
    heatmap.consumablesCurrent = Math.min(potential, Math.round(potential * (0.25 + 0.05 * Math.floor(v.k / 2))))
  }
  // one more role met every third visit, the leadership last (or never)
  if (roles.length) heatmap.rolesMet = [roles[Math.min(roles.length - 1 - (v.i % 2), Math.floor(v.k / 3) + v.j % 2)]!]
  const note = NOTES[(v.i + v.k) % NOTES.length]!
  const dept = cfg.department.options.find((o) => o.key === v.dept)?.zh ?? v.dept
  return { tenantId: v.tenantId, customerId: v.customerId, memberId: v.memberId, kind: 'visit', summary: `拜访：${dept} ${note}`,
    occurredAt: v.at, deviceAt: v.at, receivedAt: new Date(v.at.getTime() + 60_000),
    data: { location: null, photoAttachmentId: null, painPoints: [note], nextFollowUpAt: null, keywordsHeard: [], anomalies: [], heatmap } }
}
