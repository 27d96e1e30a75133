import { dayToIso, fromLocal, parseClock, toLocal, weekdayOf } from './beijing-time.js'
import type { WorkingDuration } from './duration.js'

/** One year of statutory holidays and adjusted workdays 调休, as in config/calendars/cn-<year>.yaml. */
export type CalendarYear = { year: number; holidays: readonly string[]; workdays: readonly string[] }

/** A tenant's working hours, e.g. 09:00–18:00 with a 12:00–13:00 lunch break. */
export type WorkingHours = { start: string; end: string; breaks?: readonly { start: string; end: string }[] }

/** 工作日历: everything working-time arithmetic needs; built once by the edge and passed in. */
export type Calendar = {
  /** Working windows within a working day, in minutes after midnight, sorted, non-overlapping. */
  readonly windows: readonly (readonly [number, number])[]
  readonly minutesPerDay: number
  readonly weekend: ReadonlySet<number>
  readonly holidays: ReadonlySet<string>
  readonly workdays: ReadonlySet<string>
  /** Years with statutory data; outside them only weekends apply. */
  readonly years: ReadonlySet<number>
}

export function buildCalendar(hours: WorkingHours, years: readonly CalendarYear[], weekend: readonly number[] = [0, 6]): Calendar {
  const start = parseClock(hours.start)
  const end = parseClock(hours.end)
  if (start === null || end === null || start >= end) throw new Error(`bad working hours ${hours.start}-${hours.end}`)
  const cuts = (hours.breaks ?? []).map((b) => [parseClock(b.start), parseClock(b.end)] as const)
  let windows: [number, number][] = [[start, end]]
  for (const [bs, be] of cuts) {
    if (bs === null || be === null || bs >= be) throw new Error('bad break in working hours')
    windows = windows.flatMap(([s, e]): [number, number][] =>
      be <= s || bs >= e ? [[s, e]] : ([[s, bs], [be, e]] as [number, number][]).filter(([a, b]) => a < b))
  }
  return {
    windows,
    minutesPerDay: windows.reduce((sum, [s, e]) => sum + e - s, 0),
    weekend: new Set(weekend),
    holidays: new Set(years.flatMap((y) => y.holidays)),
    workdays: new Set(years.flatMap((y) => y.workdays)),
    years: new Set(years.map((y) => y.year)),
  }
}

export function isWorkingDay(cal: Calendar, day: number): boolean {
  const iso = dayToIso(day)
  if (cal.workdays.has(iso)) return true
  if (cal.holidays.has(iso)) return false
  return !cal.weekend.has(weekdayOf(day))
}

/** Whether the calendar has statutory data for the year of `date` (the edge warns when not). */
export const hasYear = (cal: Calendar, date: Date): boolean => cal.years.has(Number(dayToIso(toLocal(date).day).slice(0, 4)))

export const durationMinutes = (d: WorkingDuration, cal: Calendar): number => d.days * cal.minutesPerDay + d.minutes

/** A guard against calendars with no working day at all (every weekday a weekend). */
const MAX_SCAN_DAYS = 3660

/**
 * Adds working time. Time outside working hours does not count, so a start in the evening begins
 * the next working morning, and a result exactly at a window's end stays there (18:00, not 09:00 the next day).
 */
export function addWorkingTime(start: Date, duration: WorkingDuration, cal: Calendar): Date {
  let left = durationMinutes(duration, cal)
  if (left <= 0 || cal.minutesPerDay === 0) return start
  const { day: firstDay, minute: firstMinute } = toLocal(start)
  for (let day = firstDay; day < firstDay + MAX_SCAN_DAYS; day++) {
    if (!isWorkingDay(cal, day)) continue
    for (const [s, e] of cal.windows) {
      const from = day === firstDay ? Math.max(s, firstMinute) : s
      if (from >= e) continue
      if (left <= e - from) return fromLocal(day, from + left)
      left -= e - from
    }
  }
  throw new Error('calendar has no working time')
}

/** The first working instant at or after `t`: something due at 18:00 or on a Sunday is acted on at the next 09:00. */
export function nextWorkingInstant(t: Date, cal: Calendar): Date {
  if (cal.minutesPerDay === 0) return t
  return new Date(addWorkingTime(t, { days: 0, minutes: 1 }, cal).getTime() - 60_000)
}

/** Working minutes in [from, to); zero when `to` is not after `from`. */
export function workingMinutesBetween(from: Date, to: Date, cal: Calendar): number {
  if (to <= from) return 0
  const a = toLocal(from)
  const b = toLocal(to)
  let total = 0
  for (let day = a.day; day <= b.day; day++) {
    if (!isWorkingDay(cal, day)) continue
    const lo = day === a.day ? a.minute : 0
    const hi = day === b.day ? b.minute : 1440
    for (const [s, e] of cal.windows) total += Math.max(0, Math.min(e, hi) - Math.max(s, lo))
  }
  return total
}

/** Whole working days in [from, to), as a person counts "2 days overdue". */
export function workingDaysBetween(from: Date, to: Date, cal: Calendar): number {
  return cal.minutesPerDay === 0 ? 0 : Math.floor(workingMinutesBetween(from, to, cal) / cal.minutesPerDay)
}
