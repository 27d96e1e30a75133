import { describe, expect, it } from 'vitest'
import { anOpportunity, anOrg, at, cnCalendar, loadProcessFile } from '../testing.js'
import { escalate } from './escalate.js'
import type { NodeRun } from './types.js'

const cal = cnCalendar()
const def = loadProcessFile('new-customer.yaml')
const org = anOrg()
// 需求探询: due Fri 6 Mar 2026 18:00; its ladder is 0h owner / 1d owner+manager / 3d manager+manager's manager.
const run = (over: Partial<NodeRun> = {}): NodeRun => ({ id: 'opp1-discovery-1', node: 'discovery', enteredAt: at('2026-03-02 09:00'), reminderLevel: 0, ...over })
const opp = (r: NodeRun = run()) => anOpportunity(def, { currentNode: 'discovery', nodeRuns: [r], title: '华东医院 CT 采购' })

describe('escalate: what a due reminder job does', () => {
  it.each([
    [1, run(), '2026-03-06 18:00', ['rep'], [], '2026-03-09 18:00'],
    [2, run({ reminderLevel: 1 }), '2026-03-09 18:00', ['rep', 'lead'], ['create_task'], '2026-03-11 18:00'],
    [3, run({ reminderLevel: 2 }), '2026-03-11 18:00', ['lead', 'director'], [], null],
  ])('level %i', (level, r, now, recipients, ruleEffects, next) => {
    const e = escalate(opp(r), def, r.id, level, cal, at(now), org)
    if (!e) throw new Error('nothing to do')
    const [reminder, ...rest] = e.effects
    expect(reminder).toMatchObject({ kind: 'send_reminder', idempotencyKey: `remind_opp1-discovery-1_${level}`, recipientIds: recipients, level })
    expect(reminder?.kind === 'send_reminder' && reminder.content).toMatchObject({ title: '华东医院 CT 采购', node: { key: 'discovery' } })
    expect(e.nodeRun.reminderLevel).toBe(level)
    expect(e.opportunity.nodeRuns[0]?.reminderLevel).toBe(level)
    const scheduled = rest.filter((x) => x.kind === 'schedule_reminder')
    expect(scheduled.map((x) => x.kind === 'schedule_reminder' && x.at)).toEqual(next ? [at(next)] : [])
    expect(rest.filter((x) => x.kind !== 'schedule_reminder').map((x) => x.kind)).toEqual(ruleEffects)
  })
  it.each([
    ['the level was already sent (a retried job)', run({ reminderLevel: 1 }), 1],
    ['the run is done', run({ doneAt: at('2026-03-05 10:00') }), 1],
    ['the ladder has no such level', run(), 4],
    ['another run id', run({ id: 'other' }), 1],
  ])('does nothing when %s', (_why, r, level) => {
    expect(escalate(opp(r), def, 'opp1-discovery-1', level, cal, at('2026-03-09 18:00'), org)).toBeNull()
  })
})
