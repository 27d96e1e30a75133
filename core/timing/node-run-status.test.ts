import { describe, expect, it } from 'vitest'
import type { NodeRun } from '../opportunity/types.js'
import { at, cnCalendar } from '../testing.js'
import { nodeRunStatus, nodeStatuses, statusColour, type NodeRunStatus } from './node-run-status.js'

const cal = cnCalendar()
const limit = { maxDwell: { days: 3, minutes: 0 } }
const run = (over: Partial<NodeRun> = {}): NodeRun => ({ id: 'r1', node: 'n', enteredAt: at('2025-09-26 10:00'), reminderLevel: 0, ...over })

describe('nodeRunStatus (due 2025-09-30 10:00: 3 working days from the Friday before National Day)', () => {
  it.each<[string, NodeRun | undefined, string, NodeRunStatus]>([
    ['no run yet', undefined, '2025-09-27 10:00', 'not_reached'],
    ['open before due', run(), '2025-09-30 09:59', 'open'],
    ['open over the holiday-free weekend day is still open', run(), '2025-09-28 18:00', 'open'],
    ['open after due', run(), '2025-09-30 10:01', 'overdue'],
    ['done exactly at due', run({ doneAt: at('2025-09-30 10:00') }), '2025-10-20 10:00', 'on_time'],
    ['done late', run({ doneAt: at('2025-10-09 09:00') }), '2025-10-20 10:00', 'made_up'],
    ['skipped', run({ skipped: true }), '2025-10-20 10:00', 'not_reached'],
    ['sent back before done', run({ returnedAt: at('2025-09-29 10:00') }), '2025-10-20 10:00', 'not_reached'],
    ['a pinned due time wins over recomputation', run({ dueAt: at('2025-10-20 09:00') }), '2025-10-10 10:00', 'open'],
  ])('%s', (_why, r, now, expected) => {
    expect(nodeRunStatus(r, limit, cal, at(now))).toBe(expected)
  })
  it('a node without a time limit is never overdue', () => {
    expect(nodeRunStatus(run(), undefined, cal, at('2030-01-01 10:00'))).toBe('open')
    expect(nodeRunStatus(run({ doneAt: at('2029-01-01 10:00') }), undefined, cal, at('2030-01-01 10:00'))).toBe('on_time')
  })
  it.each<[NodeRunStatus, string]>([['on_time', 'green'], ['made_up', 'yellow'], ['overdue', 'red'], ['open', 'blue'], ['not_reached', 'grey']])(
    '%s is %s on the dashboard', (status, colour) => {
      expect(statusColour(status)).toBe(colour)
    })
})

describe('nodeStatuses: a row of the process-health matrix', () => {
  it('colours each node by its latest run', () => {
    const def = { nodes: ['a', 'b', 'c', 'd'].map((key) => ({ key, timeLimit: limit })) } as never
    const runs: NodeRun[] = [
      run({ node: 'a', doneAt: at('2025-09-29 10:00') }),
      run({ node: 'b', enteredAt: at('2025-09-29 10:00'), returnedAt: at('2025-09-30 10:00') }),
      run({ node: 'a', id: 'r2', enteredAt: at('2025-09-30 10:00'), doneAt: at('2025-10-20 10:00') }),
      run({ node: 'b', id: 'r3', enteredAt: at('2025-10-20 10:00') }),
    ]
    expect(nodeStatuses({ nodeRuns: runs }, def, cal, at('2025-10-27 10:00')).map((s) => `${s.node}:${s.colour}`)).toEqual(['a:yellow', 'b:red', 'c:grey', 'd:grey'])
  })
})
