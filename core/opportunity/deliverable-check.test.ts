import { describe, expect, it } from 'vitest'
import type { DeliverableDef } from '../process/schema-deliverables.js'
import { aDeliverable, anOpportunity, at, loadProcessFile } from '../testing.js'
import { describeMissing, missingDeliverables, requiredDeliverables } from './deliverable-check.js'
import { distanceMetres, evidenceProblems } from './evidence-rules.js'

const def = loadProcessFile('new-customer.yaml')
const dOf = (node: string, key: string): DeliverableDef =>
  def.nodes.find((n) => n.key === node)?.deliverables.find((d) => d.key === key) as DeliverableDef
// Customer at 上海人民广场; the visit ran 10:00–11:30.
const site = { lat: 31.2304, lng: 121.4737 }
const opp = anOpportunity(def, { currentNode: 'discovery', customerLocation: site, visits: [{ startedAt: at('2026-03-02 10:00'), endedAt: at('2026-03-02 11:30') }] })

describe('evidence rules per deliverable kind', () => {
  const photo = dOf('discovery', 'site_photo')
  const voice = dOf('discovery', 'customer_voice')
  const form = dOf('discovery', 'visit_form')
  const deck = dOf('demo', 'deck_cover')
  const quote = dOf('quote', 'quote_sheet')
  const checklist = dOf('appointment', 'appointment_checklist')
  it.each<[string, DeliverableDef, Record<string, unknown>, string[]]>([
    ['photo on site during the visit', photo, { lat: 31.2310, lng: 121.4740, takenAt: at('2026-03-02 10:30') }, []],
    ['photo about 1 km away', photo, { lat: 31.2394, lng: 121.4737, takenAt: at('2026-03-02 10:30') }, ['too_far']],
    ['photo after the visit (as an ISO string)', photo, { lat: 31.2304, lng: 121.4737, takenAt: '2026-03-02T04:00:00Z' }, ['outside_visit']],
    ['photo without location or time', photo, {}, ['no_location', 'outside_visit']],
    ['voice summary long enough', voice, { text: '客户希望下季度上线，预算已批，需要和信息科确认接口。' }, []],
    ['voice summary too short', voice, { text: '好的' }, ['too_short']],
    ['visit form complete', form, { values: { pain_points: ['排队长', '数据分散'], next_follow_up: '2026-03-09T02:00:00Z' } }, []],
    ['visit form: one pain point, bad date', form, { values: { pain_points: ['排队长'], next_follow_up: 'next week' } }, ['field_invalid:pain_points', 'field_invalid:next_follow_up']],
    ['visit form: nothing filled', form, {}, ['field_missing:pain_points', 'field_missing:next_follow_up']],
    ['deck screenshot png', deck, { name: 'cover.PNG' }, []],
    ['deck as pptx', deck, { name: 'deck.pptx' }, ['file_type']],
    ['quote complete, valid 30 days', quote, { amount: 128000, models: ['XM-2000'], validUntil: '2026-04-01' }, []],
    ['quote without amount or models', quote, { amount: 0, models: [' '], validUntil: '2026-04-01' }, ['no_amount', 'no_models']],
    ['quote valid only 3 days (7 needed)', quote, { amount: 1, models: ['A'], validUntil: '2026-03-05' }, ['validity_too_short']],
    ['quote without validity', quote, { amount: 1, models: ['A'] }, ['no_validity']],
    ['quote valid through the 7th day counts (a bare date runs to the end of that day)', quote, { amount: 1, models: ['A'], validUntil: '2026-03-09' }, []],
    ['quote valid through the 6th day does not', quote, { amount: 1, models: ['A'], validUntil: '2026-03-08' }, ['validity_too_short']],
    ['checklist complete', checklist, { checked: ['time_agreed', 'attendees_known'] }, []],
    ['checklist half done', checklist, { checked: ['time_agreed'] }, ['unchecked:attendees_known']],
  ])('%s', (_why, d, data, problems) => {
    expect(evidenceProblems(d, aDeliverable('x', d.key, d.kind, data), opp)).toEqual(problems)
  })
  it('a deliverable of another kind does not count', () => {
    expect(evidenceProblems(voice, aDeliverable('discovery', voice.key, 'file', { name: 'a.txt' }), opp)).toEqual(['wrong_kind'])
  })
  it.each([
    ['no customer location', { ...opp, customerLocation: undefined }, ['no_location']],
    ['no visit checked in', { ...opp, visits: undefined }, ['outside_visit']],
    ['a visit still open', { ...opp, visits: [{ startedAt: at('2026-03-02 10:00') }] }, []],
  ])('photo with %s', (_why, o, problems) => {
    expect(evidenceProblems(photo, aDeliverable('discovery', photo.key, 'photo', { lat: 31.2304, lng: 121.4737, takenAt: at('2026-03-02 11:00') }), o)).toEqual(problems)
  })
  it('measures distance on the sphere', () => {
    expect(Math.round(distanceMetres(site, { lat: 31.2394, lng: 121.4737 }))).toBe(1001)
  })
})

describe('missingDeliverables lists every gap with counts and reasons', () => {
  const voice = (text: string) => aDeliverable('discovery', 'customer_voice', 'voice_summary', { text })
  const long = '客户说明了现有流程的三个主要问题和预算节奏。'
  it('counts only valid items and says why the others fail', () => {
    const o = { ...opp, deliverables: [voice(long), voice(long), voice('嗯')] }
    const missing = missingDeliverables(o, def, 'discovery')
    expect(missing.map((m) => [m.key, m.have, m.need, m.problems])).toEqual([
      ['customer_voice', 2, 3, ['too_short']],
      ['site_photo', 0, 1, []],
      ['visit_form', 0, 1, []],
    ])
    expect(describeMissing(missing)).toContain('客户语音纪要 Customer voice-note summaries (2/3)')
  })
  it('adds what rules required, once', () => {
    const o = { ...opp, requirements: [{ node: 'discovery', deliverable: 'filing_guide_ack', ruleId: 'r' }, { node: 'discovery', deliverable: 'filing_guide_ack', ruleId: 'r2' }] }
    expect(requiredDeliverables(o, def, 'discovery').map((d) => d.key)).toEqual(['customer_voice', 'site_photo', 'visit_form', 'filing_guide_ack'])
    expect(requiredDeliverables(o, def, 'nowhere')).toEqual([])
  })
})
