import { z } from 'zod'
import { makeIssue, type Issue } from '../process/issue.js'
import { readYaml, locate } from '../process/yaml-source.js'
import { err, ok, type Result } from '../result.js'
import { isoToDay, parseClock } from './beijing-time.js'
import type { CalendarYear, WorkingHours } from './working-calendar.js'

const IsoDate = z.string().refine((s) => isoToDay(s) !== null, 'date as YYYY-MM-DD')
const Entry = z.strictObject({ date: IsoDate, name: z.string().min(1) })

/** config/calendars/cn-<year>.yaml: 法定节假日 and 调休上班日 of one year. */
const CalendarYearSchema = z.strictObject({
  year: z.int().min(2000).max(2100),
  source: z.string().min(1),
  holidays: z.array(Entry),
  workdays: z.array(Entry),
}).superRefine((y, ctx) => {
  for (const [list, entries] of [['holidays', y.holidays], ['workdays', y.workdays]] as const) {
    entries.forEach((e, i) => {
      if (!e.date.startsWith(`${y.year}-`)) ctx.addIssue({ code: 'custom', path: [list, i, 'date'], message: `${e.date} is not in ${y.year}` })
    })
  }
  const both = y.holidays.filter((h) => y.workdays.some((w) => w.date === h.date))
  for (const h of both) ctx.addIssue({ code: 'custom', path: ['holidays'], message: `${h.date} is both a holiday and a workday` })
})

/** Parses one calendar year file; problems come back with line and column. */
export function parseCalendarYaml(text: string, file = 'calendar.yaml'): Result<CalendarYear, Issue[]> {
  const read = readYaml(text, file)
  if ('issues' in read) return err(read.issues)
  const parsed = CalendarYearSchema.safeParse(read.source.data)
  if (!parsed.success) {
    return err(parsed.error.issues.map((i) => {
      const path = i.path.filter((p): p is string | number => typeof p !== 'symbol')
      return makeIssue(file, locate(read.source, path), 'CALENDAR_INVALID', { detail: `${path.join('.') || '(root)'}: ${i.message}` })
    }))
  }
  const y = parsed.data
  return ok({ year: y.year, holidays: y.holidays.map((h) => h.date), workdays: y.workdays.map((w) => w.date) })
}

const Clock = z.string().refine((s) => parseClock(s) !== null, 'HH:MM')
const Window = z.strictObject({ start: Clock, end: Clock }).refine((w) => (parseClock(w.start) ?? 0) < (parseClock(w.end) ?? 0), 'start before end')
const WorkingHoursSchema = z.strictObject({ start: Clock, end: Clock, breaks: z.array(Window).optional() })
  .refine((w) => (parseClock(w.start) ?? 0) < (parseClock(w.end) ?? 0), 'start before end')

/** Validates a tenant's working hours (settings or admin input) before buildCalendar uses them. */
export function parseWorkingHours(input: unknown): Result<WorkingHours, string[]> {
  const parsed = WorkingHoursSchema.safeParse(input)
  return parsed.success ? ok(parsed.data) : err(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`))
}
