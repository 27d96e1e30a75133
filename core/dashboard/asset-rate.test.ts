import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { assetRates, lastQuarters, quarterOf, quarterStart, type ApprovedItem } from './asset-rate.js'
import { checkReview } from './knowledge-review.js'

const d = (iso: string) => new Date(iso)

describe('quarters (Beijing time)', () => {
  it('puts 1 April 00:30 Beijing in Q2 although it is still 31 March in UTC', () => {
    expect(quarterOf(d('2026-03-31T16:30:00Z'))).toBe('2026-Q2')
    expect(lastQuarters(d('2026-02-10T00:00:00Z'), 3)).toEqual(['2025-Q3', '2025-Q4', '2026-Q1'])
    expect(quarterStart('2026-Q4')).toBe('2026-10-01')
    expect(quarterStart('2026-Q5')).toBeNull()
  })
})

describe('assetRates', () => {
  const items: ApprovedItem[] = [
    { teamId: 't', kind: 'insight', approvedAt: d('2026-05-01T02:00:00Z') },
    { teamId: 't', kind: 'script', approvedAt: d('2026-08-01T02:00:00Z') },
    { teamId: 't', kind: 'sop', approvedAt: d('2026-08-02T02:00:00Z') },
    { teamId: 'u', kind: 'sop', approvedAt: d('2026-08-02T02:00:00Z') },
  ]
  const opps = [...Array(4)].map(() => ({ teamId: 't', createdAt: d('2026-05-05T02:00:00Z') }))
    .concat([...Array(4)].map(() => ({ teamId: 't', createdAt: d('2026-07-05T02:00:00Z') })))

  it('divides the items approved in the quarter by the team\'s opportunities, by kind, with the trend', () => {
    const [t, u] = assetRates(['t', 'u'], ['2026-Q2', '2026-Q3'], items, opps)
    expect(t!.quarters).toEqual([
      { quarter: '2026-Q2', insight: 1, script: 0, sop: 0, approved: 1, opportunities: 4, rate: 0.25 },
      { quarter: '2026-Q3', insight: 0, script: 1, sop: 1, approved: 2, opportunities: 4, rate: 0.5 },
    ])
    expect(t!.trend).toEqual({ delta: 0.25, direction: 'up' })
    expect(u!.quarters[1]!.rate).toBeNull()
    expect(u!.trend).toEqual({ delta: null, direction: null })
  })

  it('never counts an item twice across quarters nor loses one inside them', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: Date.parse('2025-01-01'), max: Date.parse('2026-12-31') }), { maxLength: 50 }), (times) => {
      const xs = times.map((t): ApprovedItem => ({ teamId: 't', kind: 'insight', approvedAt: new Date(t) }))
      const qs = lastQuarters(d('2026-12-31T00:00:00Z'), 9)
      const [r] = assetRates(['t'], qs, xs, [])
      expect(r!.quarters.reduce((n, q) => n + q.approved, 0)).toBe(xs.filter((x) => qs.includes(quarterOf(x.approvedAt))).length)
    }))
  })
})

describe('checkReview', () => {
  const manager = { id: 'm', role: 'manager' }
  it.each([
    ['draft', 'reviewed', 'a', manager, null],
    ['reviewed', 'reusable', 'a', { id: 'x', role: 'admin' }, null],
    ['draft', 'reviewed', 'm', manager, 'KNOWLEDGE_SELF_REVIEW'],
    ['draft', 'reusable', 'a', manager, 'KNOWLEDGE_TRANSITION_NOT_ALLOWED'],
    ['reusable', 'reviewed', 'a', manager, 'KNOWLEDGE_TRANSITION_NOT_ALLOWED'],
    ['draft', 'reviewed', 'a', { id: 'r', role: 'rep' }, 'FORBIDDEN'],
  ] as const)('%s → %s by %j (author %s): %s', (from, to, author, actor, code) => {
    const r = checkReview(from, to, author, actor)
    expect(r.ok ? null : r.error.code).toBe(code)
  })
})
