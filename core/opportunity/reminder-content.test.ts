import { describe, expect, it } from 'vitest'
import { aDeliverable, anOpportunity, at, cnCalendar, loadProcessFile } from '../testing.js'
import { reminderContent } from './reminder-content.js'
import type { NodeRun } from './types.js'

const cal = cnCalendar()
const def = loadProcessFile('new-customer.yaml')
// 需求探询 has 5 working days: entered Mon 2 Mar 2026 09:00 → due Fri 6 Mar 18:00.
const run: NodeRun = { id: 'opp1-discovery-1', node: 'discovery', enteredAt: at('2026-03-02 09:00'), reminderLevel: 1 }
const activities = [
  { at: at('2026-03-02 10:00'), summary: '首次电话' },
  { at: at('2026-03-05 10:00'), summary: '发送资料' },
  { at: at('2026-03-03 10:00'), summary: '确认拜访' },
  { at: at('2026-03-04 10:00'), summary: '客户提问' },
]
const opp = anOpportunity(def, {
  currentNode: 'discovery', nodeRuns: [run], activities,
  deliverables: [aDeliverable('discovery', 'customer_voice', 'voice_summary', { text: '客户介绍了现有系统的三个主要问题，并希望下个季度上线。' })],
})

describe('reminderContent names the opportunity, node, days overdue, gaps and the last 3 summaries', () => {
  it.each([
    ['on the due day', '2026-03-06 18:00', 0],
    ['one working day later (over the weekend)', '2026-03-09 18:00', 1],
    ['three working days later', '2026-03-11 18:30', 3],
  ])('%s', (_why, now, days) => {
    const c = reminderContent(opp, def, run, 2, cal, at(now))
    expect(c).toMatchObject({ opportunityId: 'opp1', customerId: 'cust1', ownerId: 'rep', level: 2, daysOverdue: days, dueAt: at('2026-03-06 18:00') })
    expect(c.node).toEqual({ key: 'discovery', name: { zh: '需求探询', en: 'Needs discovery' } })
    expect(c.missing.map((m) => `${m.key} ${m.have}/${m.need}`)).toEqual(['customer_voice 1/3', 'site_photo 0/1', 'visit_form 0/1'])
    expect(c.recentSummaries.map((s) => s.summary)).toEqual(['发送资料', '客户提问', '确认拜访'])
  })
  it('takes summaries passed in instead of the stored ones', () => {
    const c = reminderContent(opp, def, run, 1, cal, at('2026-03-09 10:00'), [{ at: at('2026-03-08 10:00'), summary: '周末微信' }])
    expect(c.recentSummaries).toEqual([{ at: at('2026-03-08 10:00'), summary: '周末微信' }])
  })
  it('a node without a time limit has no due time and no days overdue', () => {
    const noLimit = { ...def, nodes: def.nodes.map((n) => ({ ...n, timeLimit: undefined })) }
    expect(reminderContent(opp, noLimit, run, 1, cal, at('2026-04-01 10:00'))).toMatchObject({ dueAt: null, daysOverdue: 0 })
  })
})
