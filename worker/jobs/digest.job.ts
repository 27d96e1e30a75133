import type { EntityManager } from 'typeorm'
import { dayToIso, formatBeijing, fromLocal, isoToDay, toLocal } from '../../core/timing/beijing-time.js'
import { isWorkingDay } from '../../core/timing/working-calendar.js'
import type { ProcessConfig } from '../../io/config/process-config.js'
import { plannedVisits } from '../../io/db/activity.repo.js'
import { listMembers } from '../../io/db/member.repo.js'
import { writeOutbox } from '../../io/db/outbox.repo.js'
import type { Member } from '../../io/db/entities/member.entity.js'
import { Tenant } from '../../io/db/entities/tenant.entity.js'
import { afterCommit } from '../../io/handle-event.js'
import type { OutboxRef } from '../../io/queue/enqueue-outbox.js'
import type { JobHandler } from '../job-context.js'

/** Default time of the daily digest: 08:30 Beijing time; the scheduler skips nothing, the job skips rest days. */
export const DIGEST_CRON = '30 8 * * *'

type Overdue = { ownerId: string; customer: string; title: string; node: string; dueAt: Date }
type OpenTask = { assigneeId: string; title: string; dueAt: Date | null }

/**
 * Each member's morning message: a rep gets today's overdue nodes, open tasks and planned visits; a
 * manager also gets the red cells (overdue nodes) of everyone below them in the org tree. Keyed
 * digest_<member>_<date>, so a second run on the same day sends nothing new.
 */
export function handleDigestJob(config: ProcessConfig): JobHandler<'digest'> {
  return async (p, ctx) => {
    const now = ctx.now()
    const day = p.date ? isoToDay(p.date) : toLocal(now).day
    if (day === null || !isWorkingDay(config.calendar, day)) return
    const tenants = p.tenantId ? [p.tenantId] : (await ctx.rt.db.manager.find(Tenant, { select: { id: true } })).map((t) => t.id)
    for (const tenantId of tenants) {
      const rows = await ctx.rt.db.transaction((tx) => digestTenant(tx, config, tenantId, day, now))
      await afterCommit({ queues: ctx.rt.queues, log: ctx.log }, { outbox: rows, reminders: [], tasks: [], cancelled: [] }, now)
      ctx.log.info({ tenantId, date: dayToIso(day), sent: rows.length }, 'digest written')
    }
  }
}

async function digestTenant(tx: EntityManager, config: ProcessConfig, tenantId: string, day: number, now: Date): Promise<OutboxRef[]> {
  const dayEnd = fromLocal(day + 1, 0)
  const nodeName = (processId: string, key: string) =>
    config.definitions.find((d) => d.id === processId)?.nodes.find((n) => n.key === key)?.name.zh ?? key
  const overdue = (await tx.query(
    `SELECT o.owner_id, o.title, o.process_id, nr.node, nr.due_at, coalesce(c.name, '') AS customer
     FROM node_run nr JOIN opportunity o ON o.id = nr.opportunity_id AND o.tenant_id = nr.tenant_id
     LEFT JOIN customer c ON c.id = o.customer_id AND c.tenant_id = o.tenant_id
     WHERE nr.tenant_id = $1 AND nr.done_at IS NULL AND nr.due_at < $2 AND o.status = 'open' ORDER BY nr.due_at`, [tenantId, now],
  ) as { owner_id: string; title: string; process_id: string; node: string; due_at: Date; customer: string }[])
    .map((r): Overdue => ({ ownerId: r.owner_id, customer: r.customer, title: r.title, node: nodeName(r.process_id, r.node), dueAt: r.due_at }))
  const tasks = (await tx.query(
    `SELECT assignee_id, title, due_at FROM task WHERE tenant_id = $1 AND done_at IS NULL AND (due_at IS NULL OR due_at < $2)
     ORDER BY due_at NULLS LAST`, [tenantId, dayEnd],
  ) as { assignee_id: string; title: string; due_at: Date | null }[]).map((r): OpenTask => ({ assigneeId: r.assignee_id, title: r.title, dueAt: r.due_at }))
  const members = await listMembers(tx, tenantId)
  const out: OutboxRef[] = []
  for (const m of members) {
    const visits = await plannedVisits(tx, tenantId, m.id, fromLocal(day, 0), dayEnd)
    const team = below(members, m.id)
    const text = render(m, dayToIso(day), {
      overdue: overdue.filter((o) => o.ownerId === m.id),
      tasks: tasks.filter((t) => t.assigneeId === m.id),
      visits: visits.map((v) => `${formatBeijing(v.occurredAt).slice(11, 16)} ${v.summary}`),
      red: overdue.filter((o) => team.has(o.ownerId)).map((o) => ({ ...o, owner: members.find((x) => x.id === o.ownerId)?.name ?? '' })),
    })
    if (!text) continue
    const row = await writeOutbox(tx, { tenantId, idempotencyKey: `digest_${m.id}_${dayToIso(day)}`, recipientId: m.id,
      kind: 'digest', payload: { kind: 'markdown', markdown: text }, notBefore: now })
    if (row.inserted) out.push({ id: row.id, tenantId, notBefore: now })
  }
  return out
}

/** Everyone under the member in the org tree (direct reports, theirs, …), never by role. */
function below(members: readonly Member[], id: string): Set<string> {
  const found = new Set<string>()
  for (let frontier = [id]; frontier.length > 0;) {
    frontier = members.filter((m) => m.managerId && frontier.includes(m.managerId) && !found.has(m.id)).map((m) => m.id)
    frontier.forEach((x) => found.add(x))
  }
  return found
}

type Sections = { overdue: Overdue[]; tasks: OpenTask[]; visits: string[]; red: (Overdue & { owner: string })[] }

function render(m: Member, date: string, s: Sections): string | null {
  if (!s.overdue.length && !s.tasks.length && !s.visits.length && !s.red.length) return null
  const zh = m.lang !== 'en'
  const h = (z: string, e: string, n: number) => `**${zh ? z : e}（${n}）**`
  const lines = [`### ${zh ? '今日提醒' : 'Today'} ${date}`]
  if (s.overdue.length) lines.push(h('超时节点', 'Overdue nodes', s.overdue.length), ...s.overdue.map((o) => `- ${o.customer || o.title} · ${o.node}`))
  if (s.tasks.length) lines.push(h('待办任务', 'Open tasks', s.tasks.length), ...s.tasks.map((t) => `- ${t.title}${t.dueAt ? `（${formatBeijing(t.dueAt).slice(5, 16)}）` : ''}`))
  if (s.visits.length) lines.push(h('计划拜访', 'Planned visits', s.visits.length), ...s.visits.map((v) => `- ${v}`))
  if (s.red.length) lines.push(h('团队红灯', 'Team red cells', s.red.length), ...s.red.map((o) => `- ${o.owner}：${o.customer || o.title} · ${o.node}`))
  return lines.join('\n')
}
