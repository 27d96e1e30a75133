import type { Trigger } from '../process/schema-rules.js'
import { dayToIso, fromLocal, parseClock, toLocal, weekdayOf } from './beijing-time.js'
import { isWorkingDay, type Calendar } from './working-calendar.js'

export type ScheduleSpec = Extract<Trigger, { on: 'schedule' }>

const LOOKBACK_DAYS = 14

/** The latest slot at or before `now` (e.g. last Friday 17:00 Beijing time), or null within two weeks. */
export function latestSlot(spec: ScheduleSpec, now: Date, cal: Calendar): Date | null {
  const at = parseClock(spec.at) ?? 0
  const today = toLocal(now).day
  for (let day = today; day > today - LOOKBACK_DAYS; day--) {
    const matches = spec.days === 'workdays'
      ? isWorkingDay(cal, day)
      : spec.days.includes(weekdayOf(day)) && (spec.onHolidays || !cal.holidays.has(dayToIso(day)))
    const slot = fromLocal(day, at)
    if (matches && slot <= now) return slot
  }
  return null
}

/**
 * Whether a scheduled rule should run now: a slot has passed since it last ran. A worker that was
 * down over a slot runs it once when it comes back, not once per missed slot.
 */
export function isScheduleDue(spec: ScheduleSpec, lastRun: Date | null | undefined, now: Date, cal: Calendar): boolean {
  const slot = latestSlot(spec, now, cal)
  return slot !== null && (!lastRun || lastRun < slot)
}
