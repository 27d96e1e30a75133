import { renderDayPlan } from '../../core/routes/day-plan-message.js'
import { dayToIso, fromLocal, isoToDay, toLocal } from '../../core/timing/beijing-time.js'
import { isWorkingDay } from '../../core/timing/working-calendar.js'
import type { ProcessConfig } from '../../io/config/process-config.js'
import { memberDayPlan } from '../../io/day-plan.js'
import { Member } from '../../io/db/entities/member.entity.js'
import { writeOutbox } from '../../io/db/outbox.repo.js'
import { enqueueOutbox, type OutboxRef } from '../../io/queue/enqueue-outbox.js'
import type { JobHandler } from '../job-context.js'

/** 07:45 Beijing time, before the 08:30 digest: the route comes first so the rep can leave on time. */
export const DAY_PLAN_CRON = '0 45 7 * * *'

/**
 * Each working morning, every rep with visits planned or follow-ups due gets the day's route: stops in a
 * near-optimal order honouring visit windows, arrival times, and navigation links per leg. Once per rep and day.
 */
export function handleDayPlanJob(config: ProcessConfig): JobHandler<'day-plan'> {
  return async (p, ctx) => {
    const now = ctx.now()
    const day = p.date ? isoToDay(p.date) : toLocal(now).day
    if (day === null || !isWorkingDay(config.calendar, day)) return
    const date = dayToIso(day)
    const reps = await ctx.rt.db.manager.find(Member, { where: { ...(p.tenantId ? { tenantId: p.tenantId } : {}), role: 'rep', active: true } })
    const refs: OutboxRef[] = []
    for (const rep of reps) {
      const { stops, plan } = await memberDayPlan(ctx.rt.db.manager, rep.tenantId, rep.id, fromLocal(day, 0))
      if (!plan || !plan.ok) continue
      const out = await writeOutbox(ctx.rt.db.manager, { tenantId: rep.tenantId, idempotencyKey: `dayplan_${rep.id}_${date}`,
        recipientId: rep.id, kind: 'day_plan', payload: { kind: 'markdown', markdown: renderDayPlan(plan.value, stops, rep.lang, date) }, notBefore: now })
      if (out.inserted) refs.push({ id: out.id, tenantId: rep.tenantId, notBefore: now })
    }
    await enqueueOutbox(ctx.rt.queues, refs, now)
  }
}
