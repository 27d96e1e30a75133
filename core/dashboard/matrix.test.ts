import { describe, expect, it } from 'vitest'
import type { NodeRunStatus } from '../timing/node-run-status.js'
import { buildMatrix, cellColour, statusesOfColour, type StatusCount } from './matrix.js'

const counts = (x: Partial<Record<NodeRunStatus, number>>): Record<NodeRunStatus, number> =>
  ({ on_time: 0, made_up: 0, overdue: 0, open: 0, not_reached: 0, ...x })

describe('cellColour', () => {
  it.each([
    [{}, 'grey'],
    [{ on_time: 3 }, 'green'],
    [{ on_time: 3, made_up: 1 }, 'yellow'],
    [{ on_time: 3, made_up: 1, overdue: 1 }, 'red'],
    [{ open: 2 }, 'blue'],
    [{ open: 2, on_time: 1 }, 'green'],
  ] as const)('%j → %s', (c, colour) => {
    expect(cellColour(counts(c))).toBe(colour)
  })
})

describe('buildMatrix', () => {
  const members = [{ id: 'a', name: '李娜' }, { id: 'b', name: '王强' }]
  const rows: StatusCount[] = [
    { memberId: 'a', node: 'visit', status: 'on_time', count: 4 },
    { memberId: 'a', node: 'visit', status: 'overdue', count: 1 },
    { memberId: 'b', node: 'quote', status: 'made_up', count: 2 },
    { memberId: 'b', node: 'quote', status: 'made_up', count: 1 },
    { memberId: 'ghost', node: 'visit', status: 'overdue', count: 9 },
    { memberId: 'a', node: 'retired', status: 'overdue', count: 9 },
  ]
  const m = buildMatrix(members, ['visit', 'quote'], rows)

  it('keeps the order of members and nodes', () => {
    expect(m.rows.map((r) => r.name)).toEqual(['李娜', '王强'])
    expect(m.rows[0]!.cells.map((c) => c.node)).toEqual(['visit', 'quote'])
  })

  it.each([
    ['a', 'visit', 5, 'red'],
    ['a', 'quote', 0, 'grey'],
    ['b', 'visit', 0, 'grey'],
    ['b', 'quote', 3, 'yellow'],
  ] as const)('%s × %s holds %i runs, %s', (member, node, total, colour) => {
    const cell = m.rows.find((r) => r.memberId === member)!.cells.find((c) => c.node === node)!
    expect(cell).toMatchObject({ total, colour })
  })

  it('ignores counts of members or nodes outside the grid', () => {
    expect(m.rows.flatMap((r) => r.cells).reduce((s, c) => s + c.total, 0)).toBe(8)
  })
})

describe('statusesOfColour', () => {
  it.each([
    ['red', ['overdue']],
    ['yellow', ['made_up']],
    ['green', ['on_time']],
    ['grey', ['not_reached']],
  ] as const)('%s → %j', (colour, statuses) => {
    expect(statusesOfColour(colour)).toEqual(statuses)
  })
})
