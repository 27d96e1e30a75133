import { describe, expect, it } from 'vitest'
import { findVersion } from '../process/load-definition.js'
import { aDefinition, aDeliverable, anOpportunity, anOrg, at, cnCalendar, loadProcessFile } from '../testing.js'
import { formatBeijing } from '../timing/beijing-time.js'
import { advance } from './advance.js'
import { startOpportunity } from './start.js'
import type { Deliverable, Opportunity } from './types.js'

const cal = cnCalendar()
const now = at('2026-03-06 10:00')
const simple = aDefinition()
const note = (node: string): Deliverable => aDeliverable(node, 'note', 'voice_summary', { text: '客户确认了需求' })

describe('advance on a → b → c', () => {
  it('moves forward when the evidence is in, pins the due time and schedules the first reminder', () => {
    const r = advance(anOpportunity(simple, { deliverables: [note('a')] }), simple, now, { calendar: cal, byId: 'rep' })
    if (!r.ok) throw new Error(JSON.stringify(r.error))
    const { nodeRun, closedRuns, transition, effects, opportunity } = r.value
    expect(nodeRun).toMatchObject({ id: 'opp1-b-1', node: 'b', enteredAt: now, reminderLevel: 0 })
    expect(formatBeijing(nodeRun?.dueAt as Date)).toBe('2026-03-09 10:00')
    expect(closedRuns).toEqual([expect.objectContaining({ node: 'a', doneAt: now })])
    expect(transition).toEqual({ from: 'a', to: 'b', kind: 'forward', skipped: [], at: now, byId: 'rep' })
    expect(effects).toEqual([{ kind: 'schedule_reminder', idempotencyKey: 'reminder_opp1-b-1_1', opportunityId: 'opp1', nodeRunId: 'opp1-b-1', node: 'b', level: 1, at: at('2026-03-09 10:00') }])
    expect(opportunity.currentNode).toBe('b')
    expect(opportunity.transitions).toEqual([transition])
  })
  it.each<[string, Partial<Opportunity>, Parameters<typeof advance>[3], string, string[]]>([
    ['refuses without evidence, listing what is missing', {}, {}, 'DELIVERABLES_MISSING', ['a/note']],
    ['a jump lists the gaps of every node passed', { deliverables: [] }, { to: 'c' }, 'DELIVERABLES_MISSING', ['a/note', 'b/note']],
    ['a node that does not allow skipping cannot be skipped', {}, { skip: true }, 'DELIVERABLES_MISSING', ['a/note']],
    ['refuses a closed opportunity', { closedAt: at('2026-03-01 10:00') }, {}, 'OPPORTUNITY_CLOSED', []],
    ['refuses another version', { definitionVersion: 'old' }, {}, 'PROCESS_VERSION_MISMATCH', []],
    ['refuses an unknown node', { deliverables: [note('a')] }, { to: 'zz' }, 'NODE_TRANSITION_NOT_ALLOWED', []],
    ['refuses staying put', { deliverables: [note('a')] }, { to: 'a' }, 'NODE_TRANSITION_NOT_ALLOWED', []],
    ['refuses going back where not allowed', { currentNode: 'b' }, { to: 'a' }, 'NODE_TRANSITION_NOT_ALLOWED', []],
  ])('%s', (_why, over, opts, code, missing) => {
    const r = advance(anOpportunity(simple, over), simple, now, opts)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe(code)
    expect((r.error.missing ?? []).map((m) => `${m.node}/${m.key}`)).toEqual(missing)
  })
  it('the refusal message names the missing evidence in both languages', () => {
    const r = advance(anOpportunity(simple), simple, now)
    expect(!r.ok && r.error.params).toEqual({ node: 'a', missing: '纪要 Note (0/1)' })
  })
  it('closing from the last node ends the opportunity', () => {
    const r = advance(anOpportunity(simple, { currentNode: 'c', deliverables: [note('c')] }), simple, now, { reason: 'signed' })
    if (!r.ok) throw new Error('refused')
    expect(r.value.nodeRun).toBeNull()
    expect(r.value.opportunity.closedAt).toEqual(now)
    expect(r.value.transition).toMatchObject({ from: 'c', to: null, kind: 'close', reason: 'signed' })
  })
})

describe('advance on the default process: skips and returns are allowed only where defined, and recorded', () => {
  const def = loadProcessFile('new-customer.yaml')
  const demoDone = [
    aDeliverable('demo', 'deck_cover', 'file', { name: 'cover.png' }),
    aDeliverable('demo', 'customer_questions', 'form', { values: { questions: ['价格?', '交付周期?', '售后?'] } }),
  ]
  const atDemo = anOpportunity(def, { currentNode: 'demo', deliverables: demoDone, fields: { amount: 2000000 } })
  it('jumps over 异议处理 (canSkip) to 报价跟进, recording the skipped run and firing node.entered rules', () => {
    const r = advance(atDemo, def, now, { to: 'quote', calendar: cal, org: anOrg() })
    if (!r.ok) throw new Error(JSON.stringify(r.error))
    expect(r.value.transition).toMatchObject({ from: 'demo', to: 'quote', kind: 'skip', skipped: ['objections'] })
    expect(r.value.closedRuns.map((x) => [x.node, x.skipped ?? false])).toEqual([['demo', false], ['objections', true]])
    expect(r.value.opportunity.requirements).toEqual([{ node: 'quote', deliverable: 'manager_review', ruleId: 'big-quote-review' }])
    expect(r.value.effects.map((e) => e.kind)).toEqual(['schedule_reminder', 'require_deliverable'])
  })
  it('skips the current node only when asked and allowed', () => {
    const atObjections = anOpportunity(def, { currentNode: 'objections' })
    expect(advance(atObjections, def, now).ok).toBe(false)
    const r = advance(atObjections, def, now, { skip: true, reason: '客户无异议' })
    expect(r.ok && r.value.transition).toMatchObject({ kind: 'skip', skipped: ['objections'], reason: '客户无异议' })
  })
  it('sends back from 报价跟进 to 方案演示, keeping the earlier run and opening a new one', () => {
    const first = advance(atDemo, def, now, { to: 'quote' })
    if (!first.ok) throw new Error('refused')
    const back = advance(first.value.opportunity, def, at('2026-03-09 10:00'), { to: 'demo', reason: '客户要求重新演示' })
    if (!back.ok) throw new Error(JSON.stringify(back.error))
    expect(back.value.transition).toMatchObject({ from: 'quote', to: 'demo', kind: 'back' })
    expect(back.value.nodeRun?.id).toBe('opp1-demo-2')
    expect(back.value.closedRuns).toEqual([expect.objectContaining({ node: 'quote', returnedAt: at('2026-03-09 10:00') })])
    expect(back.value.opportunity.nodeRuns.map((x) => x.node)).toEqual(['demo', 'objections', 'quote', 'demo'])
    const again = advance(back.value.opportunity, def, at('2026-03-10 10:00'))
    expect(again.ok && again.value.transition.to).toBe('objections')
  })
})

describe('versioning: an opportunity stays on the version it started under', () => {
  const v1 = aDefinition()
  const v2 = aDefinition({ nodes: v1.nodes.map((n) => ({ ...n, timeLimit: { maxDwell: '5d' } })) as never })
  it('starts pinned to v1 and is refused by v2', () => {
    const started = startOpportunity({ id: 'o9', tenantId: 't1', ownerId: 'rep', customerId: 'c1' }, v1, now, { calendar: cal })
    expect(v2.version).not.toBe(v1.version)
    expect(started.opportunity).toMatchObject({ definitionVersion: v1.version, currentNode: 'a', processId: 'test' })
    expect(started.effects.map((e) => e.kind)).toEqual(['schedule_reminder'])
    const withEvidence = { ...started.opportunity, deliverables: [note('a')] }
    const byV2 = advance(withEvidence, v2, now)
    expect(!byV2.ok && byV2.error).toEqual({ code: 'PROCESS_VERSION_MISMATCH', params: { expected: v1.version, actual: v2.version } })
    const pinned = findVersion([v2, v1], 'test', withEvidence.definitionVersion)
    expect(pinned?.version).toBe(v1.version)
    const byV1 = advance(withEvidence, pinned ?? v2, now, { calendar: cal })
    expect(byV1.ok && formatBeijing(byV1.value.nodeRun?.dueAt as Date)).toBe('2026-03-09 10:00')
  })
})
