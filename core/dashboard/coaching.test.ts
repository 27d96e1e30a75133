import { describe, expect, it } from 'vitest'
import { monthsBefore, pickForCoaching, type NodeRecord } from './coaching.js'

describe('monthsBefore', () => {
  it.each([
    ['2026-11-27T02:00:00Z', 6, '2026-05-27'],
    ['2026-03-31T02:00:00Z', 1, '2026-02-28'],
    ['2024-03-31T02:00:00Z', 1, '2024-02-29'],
    ['2026-01-15T02:00:00Z', 3, '2025-10-15'],
    ['2026-11-27T02:00:00Z', 0, '2026-11-27'],
  ])('%s − %i months → %s', (now, months, want) => {
    expect(monthsBefore(new Date(now), months)).toBe(want)
  })
})

const rec = (memberId: string, hireDate: string, onTime: number, madeUp: number, overdue: number): NodeRecord =>
  ({ memberId, name: memberId, hireDate, onTime, madeUp, overdue })

describe('pickForCoaching', () => {
  const records = [
    rec('veteran', '2020-01-01', 0, 0, 9),
    rec('a', '2026-07-01', 1, 1, 2),
    rec('b', '2026-08-01', 3, 1, 0),
    rec('c', '2026-09-01', 0, 0, 0),
    rec('d', '2026-06-01', 2, 0, 2),
    rec('e', '2026-06-15', 1, 0, 1),
    rec('f', '2026-10-01', 5, 0, 0),
  ]

  it('picks the three recent hires with the lowest on-time rate, most evidence first on a tie', () => {
    expect(pickForCoaching(records, '2026-05-27').map((p) => [p.memberId, p.onTimeRate])).toEqual([['a', 0.25], ['d', 0.5], ['e', 0.5]])
  })

  it.each([
    ['leaves out hires before the cut-off', '2026-07-01', ['a', 'b', 'f']],
    ['leaves out reps without a decided run', '2026-09-01', ['f']],
    ['returns nobody when nobody was hired since', '2027-01-01', []],
  ])('%s', (_, since, want) => {
    expect(pickForCoaching(records, since).map((p) => p.memberId)).toEqual(want)
  })
})
