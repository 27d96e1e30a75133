import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { aDefinition, anOpportunity, at } from '../testing.js'
import { advance } from './advance.js'
import { missingDeliverables } from './deliverable-check.js'
import type { Opportunity } from './types.js'

const nodeArb = fc.record({ min: fc.integer({ min: 1, max: 3 }), canSkip: fc.boolean(), returns: fc.boolean() })
const defArb = fc.array(nodeArb, { minLength: 2, maxLength: 6 }).map((nodes) => aDefinition({
  nodes: nodes.map((n, i) => ({
    key: `n${i}`,
    name: { zh: `节点${i}`, en: `Node ${i}` },
    canSkip: n.canSkip,
    canReturnTo: n.returns && i > 0 ? [`n${i - 1}`] : [],
    deliverables: [{ key: 'note', kind: 'voice_summary', name: { zh: '纪要', en: 'Note' }, min: n.min, minLength: 5 }],
  })) as never,
}))

type Step =
  | { do: 'arrive'; node: number; valid: boolean }
  | { do: 'advance'; to: number | null; skip: boolean }
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ do: fc.constant('arrive' as const), node: fc.nat(5), valid: fc.boolean() }),
  fc.record({ do: fc.constant('advance' as const), to: fc.option(fc.nat(5)), skip: fc.boolean() }),
)

describe('property: no sequence of events reaches a node whose predecessors lack their evidence', () => {
  it('every node before the current one is complete or was skipped where the definition allows', () => {
    fc.assert(fc.property(defArb, fc.array(stepArb, { maxLength: 40 }), (def, steps) => {
      let opp: Opportunity = anOpportunity(def)
      let minute = 0
      for (const step of steps) {
        minute += 1
        const now = new Date(at('2026-03-02 09:00').getTime() + minute * 60_000)
        if (step.do === 'arrive') {
          const node = `n${step.node % def.nodes.length}`
          const text = step.valid ? '客户确认需求细节' : '嗯'
          opp = { ...opp, deliverables: [...opp.deliverables, { id: `d${minute}`, node, key: 'note', kind: 'voice_summary', data: { text }, arrivedAt: now }] }
          continue
        }
        const to = step.to === null ? undefined : `n${step.to % def.nodes.length}`
        const r = advance(opp, def, now, { ...(to ? { to } : {}), skip: step.skip })
        if (!r.ok) continue
        opp = r.value.opportunity
        if (opp.closedAt) break
      }
      const current = opp.closedAt ? def.nodes.length : def.nodes.findIndex((n) => n.key === opp.currentNode)
      for (const n of def.nodes.slice(0, current)) {
        const complete = missingDeliverables(opp, def, n.key).length === 0
        const skipped = n.canSkip && opp.nodeRuns.some((r) => r.node === n.key && r.skipped)
        expect(complete || skipped).toBe(true)
      }
    }), { numRuns: 300 })
  })
})
