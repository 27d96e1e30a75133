import { describe, expect, it } from 'vitest'
import type { NodeDef } from '../process/schema.js'
import type { NodeRun } from '../opportunity/types.js'
import { at, anOrg, aMember, cnCalendar, loadProcessFile } from '../testing.js'
import { formatBeijing } from './beijing-time.js'
import { ladderOf, nextReminder, reminderRecipients } from './escalation.js'

const cal = cnCalendar()
const def = loadProcessFile('new-customer.yaml')
const node = (key: string): NodeDef => def.nodes.find((n) => n.key === key) as NodeDef
// appointment: 3d limit, default ladder 0h / 1d / 3d. Entered Fri 26 Sep 2025 10:00 → due Tue 30 Sep 10:00.
const run = (over: Partial<NodeRun> = {}): NodeRun => ({ id: 'r1', node: 'appointment', enteredAt: at('2025-09-26 10:00'), reminderLevel: 0, ...over })

describe('nextReminder walks the escalation ladder in working time', () => {
  it.each([
    ['level 1 at due', 0, '2025-09-27 10:00', '2025-09-30 10:00', 1],
    ['level 2 one working day later, after the National Day break', 1, '2025-09-27 10:00', '2025-10-09 10:00', 2],
    ['level 3 three working days later, on the 调休 Saturday 11 Oct', 2, '2025-09-27 10:00', '2025-10-11 10:00', 3],
    ['a missed level is due now, not in the past', 0, '2025-10-20 11:00', '2025-10-20 11:00', 1],
  ])('%s', (_why, sent, now, when, level) => {
    const next = nextReminder(run({ reminderLevel: sent }), node('appointment'), cal, at(now), def)
    expect(next && { at: formatBeijing(next.at), level: next.level }).toEqual({ at: when, level })
  })
  it.each([
    ['the ladder is used up', run({ reminderLevel: 3 })],
    ['the run is done', run({ doneAt: at('2025-09-29 10:00') })],
    ['the run was skipped', run({ skipped: true })],
    ['the run was sent back', run({ returnedAt: at('2025-09-29 10:00') })],
  ])('none when %s', (_why, r) => {
    expect(nextReminder(r, node('appointment'), cal, at('2025-09-27 10:00'), def)).toBeNull()
  })
  it('a node with its own ladder uses it instead of the default', () => {
    expect(ladderOf(node('discovery'), def)[2]?.notify).toEqual(['direct_manager', 'manager_of_manager'])
    expect(ladderOf(node('appointment'), def)[2]?.notify).toEqual(['manager_of_manager'])
    expect(ladderOf({ ...node('appointment'), timeLimit: undefined }, def)).toEqual([])
    const bare = nextReminder(run({ reminderLevel: 1 }), node('appointment'), cal, at('2025-09-27 10:00'))
    expect(bare).toBeNull() // without the definition's ladder, only the owner's reminder at due exists
    expect(nextReminder(run(), node('appointment'), cal, at('2025-09-27 10:00'))?.at).toEqual(at('2025-09-30 10:00'))
  })
})

describe('reminderRecipients resolves the direct manager from the org chart', () => {
  const step = (notify: ('owner' | 'direct_manager' | 'manager_of_manager')[]) => ({ after: { days: 0, minutes: 0 }, notify })
  it.each([
    ['owner', step(['owner']), 'rep', ['rep']],
    ['owner and direct manager', step(['owner', 'direct_manager']), 'rep', ['rep', 'lead']],
    ["the manager's manager", step(['manager_of_manager']), 'rep', ['director']],
    ['another rep with another manager', step(['direct_manager']), 'rep2', ['lead2']],
    ['the top of the tree falls back to the owner', step(['direct_manager', 'manager_of_manager']), 'vp', ['vp']],
  ])('%s', (_why, s, owner, ids) => {
    const org = anOrg([aMember({ id: 'rep2', managerId: 'lead2' }), aMember({ id: 'lead2', role: 'rep' })])
    expect(reminderRecipients(s, owner, org)).toEqual(ids)
  })
})
