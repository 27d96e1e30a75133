import { describe, expect, it } from 'vitest'
import { aDefinition, aDeliverable, aMember, anOpportunity, anOrg, at, cnCalendar, loadProcessFile } from '../testing.js'
import { formatBeijing } from '../timing/beijing-time.js'
import type { Effect } from './effects.js'
import type { EngineEvent } from './events.js'
import { react } from './react.js'

const def = loadProcessFile('new-customer.yaml')
const cal = cnCalendar()
const org = anOrg()
const now = at('2026-03-02 10:00')
const opp = (fields: Record<string, unknown> = {}, currentNode = 'discovery') => anOpportunity(def, { fields, currentNode })
const kinds = (effects: Effect[]) => effects.map((e) => e.kind)

describe('the brief: education deals above 500,000 need the bureau filing', () => {
  it.each([
    ['教育, 600,000', { industry: '教育' }, { type: 'field.changed', field: 'amount', from: undefined, to: 600000 }, true],
    ['amount first, then industry', { amount: 600000 }, { type: 'field.changed', field: 'industry', from: undefined, to: '教育' }, true],
    ['exactly 500,000 is not above', { industry: '教育' }, { type: 'field.changed', field: 'amount', from: undefined, to: 500000 }, false],
    ['another industry', { industry: '医疗' }, { type: 'field.changed', field: 'amount', from: undefined, to: 900000 }, false],
  ] as const)('%s', (_why, fields, ev, fires) => {
    const r = react(opp(fields), def, ev as EngineEvent, now, org, cal)
    const task = r.effects.find((e) => e.kind === 'create_task')
    expect(task !== undefined).toBe(fires)
    if (!fires || task?.kind !== 'create_task') return
    expect(task.title.zh).toBe('教育局备案流程说明')
    expect(task).toMatchObject({ assigneeId: 'gov-b', assignedBy: 'skill:gov-process', fallback: false })
    expect(formatBeijing(task.dueAt as Date)).toBe('2026-03-04 10:00')
    expect(r.opportunity.requirements).toEqual([{ node: 'discovery', deliverable: 'filing_guide_ack', ruleId: 'edu-large-deal' }])
    expect(r.opportunity.fields).toMatchObject({ industry: '教育', amount: 600000 })
  })
})

describe('the brief: purchase intent pushes the comparison and asks the direct manager to review in 48 h', () => {
  it('fires on false → true', () => {
    const r = react(opp({ purchase_intent: false }), def, { type: 'field.changed', field: 'purchase_intent', from: false, to: true }, now, org)
    expect(r.effects).toEqual([
      expect.objectContaining({ kind: 'send_template', template: 'competitor-comparison', recipientId: 'rep' }),
      expect.objectContaining({ kind: 'request_review', reviewerId: 'lead', fallback: false, dueAt: at('2026-03-04 10:00') }),
    ])
  })
  it('does not fire on true → false', () => {
    expect(react(opp(), def, { type: 'field.changed', field: 'purchase_intent', from: true, to: false }, now, org).effects).toEqual([])
  })
  it("a rep's review goes to that rep's own manager", () => {
    const other = anOrg([aMember({ id: 'rep2', managerId: 'lead2' }), aMember({ id: 'lead2' })])
    const r = react({ ...opp(), ownerId: 'rep2' }, def, { type: 'field.changed', field: 'purchase_intent', from: false, to: true }, now, other)
    expect(r.effects.find((e) => e.kind === 'request_review')).toMatchObject({ reviewerId: 'lead2' })
  })
})

describe('triggers', () => {
  const hospital = loadProcessFile('hospital-visit.yaml')
  it.each<[string, EngineEvent, string[]]>([
    ['a competitor keyword sets a note and notifies owner + manager', { type: 'keyword.heard', keyword: '某竞品', category: 'competitor', messageId: 'm1' }, ['notify']],
    ['another keyword category does nothing', { type: 'keyword.heard', keyword: '价格', category: 'price', messageId: 'm2' }, []],
    ['discovery overdue at level 2 gives the manager a task', { type: 'node.overdue', node: 'discovery', runId: 'r1', level: 2 }, ['create_task']],
    ['level 1 does not', { type: 'node.overdue', node: 'discovery', runId: 'r1', level: 1 }, []],
    ['the weekly schedule fires only its own rule', { type: 'schedule', ruleId: 'weekly-pipeline-review', slot: at('2026-03-06 17:00') }, ['notify']],
    ['a schedule for another rule fires nothing', { type: 'schedule', ruleId: 'nope', slot: at('2026-03-06 17:00') }, []],
    ['entering quote below 1,000,000 needs no review', { type: 'node.entered', node: 'quote', runId: 'q1' }, []],
    ['leaving a node with no rule', { type: 'node.left', node: 'discovery', runId: 'r1' }, []],
  ])('%s', (_why, ev, expected) => {
    expect(kinds(react(opp({ amount: 10 }), def, ev, now, org, cal).effects)).toEqual(expected)
  })
  it('entering quote at 1,000,000 requires the manager review', () => {
    const r = react(opp({ amount: 1000000 }, 'quote'), def, { type: 'node.entered', node: 'quote', runId: 'q1' }, now, org)
    expect(r.changes).toEqual([{ type: 'requirement.added', node: 'quote', deliverable: 'manager_review', ruleId: 'big-quote-review' }])
  })
  it('the keyword rule writes the field and notifies the direct manager', () => {
    const r = react(opp(), def, { type: 'keyword.heard', keyword: '某竞品', category: 'competitor', messageId: 'm1' }, now, org)
    expect(r.opportunity.fields.stage_note).toBe('客户提到竞品')
    expect(r.effects[0]).toMatchObject({ recipientIds: ['rep', 'lead'] })
  })
  it.each([['三甲', ['notify']], ['二甲', []]])('a sign photo at a %s hospital', (level, expected) => {
    const o = anOpportunity(hospital, { fields: { hospital_level: level } })
    const photo = aDeliverable('department-visit', 'department-sign-photo', 'photo', { lat: 31.2, lng: 121.4, takenAt: now })
    const r = react(o, hospital, { type: 'deliverable.arrived', deliverable: photo }, now, org)
    expect(kinds(r.effects)).toEqual(expected)
    expect(r.opportunity.deliverables).toEqual([photo])
  })
})

describe('assignment, cascades and keys', () => {
  const rules = (then: unknown[], extra: unknown[] = []) => aDefinition({
    fields: [{ key: 'hot', name: { zh: '热', en: 'Hot' }, type: 'boolean' }],
    rules: [{ id: 'r1', trigger: { on: 'keyword.heard' }, then }, ...extra] as never,
  })
  const heard: EngineEvent = { type: 'keyword.heard', keyword: '采购', messageId: 'msg-1' }
  const task = (assignee: string) => ({ do: 'create_task', title: { zh: '任务', en: 'Task' }, assignee })
  it.each([
    ['owner', 'rep', false], ['direct_manager', 'lead', false], ['member:vp', 'vp', false],
    ['member:ghost', 'rep', true], ['skill:tender', 'rep', true],
  ])('%s → %s (fallback %s)', (assignee, id, fallback) => {
    expect(react(anOpportunity(rules([task(assignee)])), rules([task(assignee)]), heard, now, org).effects[0]).toMatchObject({ assigneeId: id, fallback })
  })
  it('spreads two skill tasks over members, ties by id', () => {
    const d = rules([task('skill:gov-process'), task('skill:gov-process')])
    const even = anOrg([]).members.map((m) => (m.id === 'gov-a' ? { ...m, openTaskCount: 3 } : m))
    expect(react(anOpportunity(d), d, heard, now, { members: even }).effects.map((e) => e.kind === 'create_task' && e.assigneeId)).toEqual(['gov-b', 'gov-a'])
  })
  it('a set_field fires the rules listening to that field', () => {
    const d = rules([{ do: 'set_field', field: 'hot', value: true }], [{ id: 'r2', trigger: { on: 'field.changed', fields: ['hot'], to: true }, then: [task('owner')] }])
    const r = react(anOpportunity(d), d, heard, now, org)
    expect(r.changes.map((c) => c.type)).toEqual(['field.set'])
    expect(r.effects).toEqual([expect.objectContaining({ kind: 'create_task', ruleId: 'r2' })])
  })
  it('the same event plans the same keys; another event, other keys; keys are job-id safe', () => {
    const d = rules([task('owner'), { do: 'notify', to: ['owner'], message: { zh: '嗨', en: 'Hi' } }])
    const keys = (ev: EngineEvent) => react(anOpportunity(d), d, ev, now, org).effects.map((e) => e.idempotencyKey)
    expect(keys(heard)).toEqual(keys(heard))
    expect(keys({ ...heard, messageId: 'msg-2' })).not.toEqual(keys(heard))
    for (const k of keys(heard)) expect(k).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(new Set(keys(heard)).size).toBe(2)
  })
})
