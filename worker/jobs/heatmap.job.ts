import type { EntityManager } from 'typeorm'
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js'
import type { HeatmapConfig } from '../../core/dashboard/heatmap-config.js'
import { heatmapCard, isLastWorkingDayOfWeek } from '../../core/dashboard/heatmap-card.js'
import { fromLocal, isoToDay, toLocal } from '../../core/timing/beijing-time.js'
import type { Settings } from '../../config/settings.js'
import { loadHeatmapConfig } from '../../io/config/heatmap-config.js'
import type { ProcessConfig } from '../../io/config/process-config.js'
import { subtreeIds } from '../../io/db/dashboard.repo.js'
import { HeatmapSnapshot } from '../../io/db/entities/heatmap-snapshot.entity.js'
import { Member } from '../../io/db/entities/member.entity.js'
import { Tenant } from '../../io/db/entities/tenant.entity.js'
import { writeOutbox } from '../../io/db/outbox.repo.js'
import { loadHeatmapView } from '../../io/heatmap-view.js'
import { enqueueOutbox, type OutboxRef } from '../../io/queue/enqueue-outbox.js'
import type { JobHandler } from '../job-context.js'

/** Every day at 17:00 Beijing; the job only builds on the week's last working day (normally Friday). */
export const HEATMAP_CRON = '0 0 17 * * *'
export const HEATMAP_WEEKS = 8

export const heatmapPageUrl = (s: Pick<Settings, 'PUBLIC_URL' | 'PORT'>, week: string): string =>
  `${s.PUBLIC_URL?.replace(/\/+$/, '') ?? `http://127.0.0.1:${s.PORT}`}/sidebar/?view=heatmap&week=${week}`

/**
 * 科室需求热力图, weekly: on the last working day of the week, store the tenant's heatmap for the week (once per
 * tenant and week) and send each manager a card with their subtree's figures linking to the page (once per manager
 * and week: keyed heatmap_<manager>_<week>, so a second run sends nothing new).
 */
export function handleHeatmapJob(config: ProcessConfig, cfg: HeatmapConfig = loadHeatmapConfig()): JobHandler<'heatmap'> {
  return async (p, ctx) => {
    const day = p.date ? isoToDay(p.date) : toLocal(ctx.now()).day
    if (day === null || !isLastWorkingDayOfWeek(config.calendar, day)) return
    const at = fromLocal(day, 12 * 60)
    const tenants = p.tenantId ? [p.tenantId] : (await ctx.rt.db.manager.find(Tenant, { select: { id: true } })).map((t) => t.id)
    for (const tenantId of tenants) {
      const refs = await ctx.rt.db.transaction((tx) => heatmapTenant(tx, cfg, ctx.rt.settings, tenantId, at, ctx.now()))
      await enqueueOutbox(ctx.rt.queues, refs, ctx.now())
      ctx.log.info({ tenantId, sent: refs.length }, 'heatmap built')
    }
  }
}

async function heatmapTenant(tx: EntityManager, cfg: HeatmapConfig, settings: Settings, tenantId: string, at: Date, now: Date): Promise<OutboxRef[]> {
  const all = await loadHeatmapView(tx, cfg, tenantId, null, at, HEATMAP_WEEKS)
  const week = all.weeks.at(-1)!
  await tx.createQueryBuilder().insert().into(HeatmapSnapshot).values({ tenantId, week, data: all } as unknown as QueryDeepPartialEntity<HeatmapSnapshot>)
    .orIgnore().execute()
  const managers = await tx.find(Member, { where: { tenantId, role: 'manager', active: true }, order: { name: 'ASC' } })
  const refs: OutboxRef[] = []
  for (const m of managers) {
    const view = await loadHeatmapView(tx, cfg, tenantId, await subtreeIds(tx, tenantId, m.id), at, HEATMAP_WEEKS)
    const card = heatmapCard({ week, departments: view.departments, red: view.red.length }, m.lang, heatmapPageUrl(settings, week),
      `heatmap_${week}_${m.id}`)
    const row = await writeOutbox(tx, { tenantId, idempotencyKey: `heatmap_${m.id}_${week}`, recipientId: m.id,
      kind: 'heatmap', payload: { kind: 'card', card }, notBefore: now })
    if (row.inserted) refs.push({ id: row.id, tenantId, notBefore: now })
  }
  return refs
}
