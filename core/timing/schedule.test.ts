import { describe, expect, it } from 'vitest'
import { at, cnCalendar } from '../testing.js'
import { formatBeijing } from './beijing-time.js'
import { isScheduleDue, latestSlot, type ScheduleSpec } from './schedule.js'

const cal = cnCalendar()
const friday: ScheduleSpec = { on: 'schedule', days: [5], at: '17:00', onHolidays: false }
const workdays: ScheduleSpec = { on: 'schedule', days: 'workdays', at: '09:00', onHolidays: false }

describe('isScheduleDue: Friday 17:00 and every working day 09:00', () => {
  it.each<[string, ScheduleSpec, string | null, string, boolean]>([
    ['Friday 16:59 is not yet', friday, '2026-02-27 17:00', '2026-03-06 16:59', false],
    ['never ran: the latest slot is due', friday, null, '2026-03-04 10:00', true],
    ['Friday 17:00 is due', friday, null, '2026-03-06 17:00', true],
    ['already ran this Friday', friday, '2026-03-06 17:00', '2026-03-07 12:00', false],
    ['ran last week, due again', friday, '2026-02-27 17:05', '2026-03-06 17:30', true],
    ['a worker down over the slot catches up once', friday, '2026-02-27 17:00', '2026-03-09 08:00', true],
    ['a Friday that is National Day (2 Oct 2026) is skipped', friday, '2026-09-25 17:00', '2026-10-02 18:00', false],
    ['unless the rule runs on holidays', { ...friday, onHolidays: true }, '2026-09-25 17:00', '2026-10-02 18:00', true],
    ['working-day schedule skips Spring Festival', workdays, '2026-02-14 09:00', '2026-02-20 10:00', false],
    ['working-day schedule runs on the 调休 Saturday', workdays, '2026-02-13 09:00', '2026-02-14 09:30', true],
  ])('%s', (_why, spec, last, now, due) => {
    expect(isScheduleDue(spec, last ? at(last) : null, at(now), cal)).toBe(due)
  })
  it('names the slot it is due for', () => {
    expect(formatBeijing(latestSlot(friday, at('2026-03-09 08:00'), cal) as Date)).toBe('2026-03-06 17:00')
    expect(latestSlot(workdays, at('2026-02-22 10:00'), cal)?.toISOString()).toBe(at('2026-02-14 09:00').toISOString())
  })
})
