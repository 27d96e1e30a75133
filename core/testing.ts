/** Test builders (not shipped logic): readable data for table-driven tests. */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { z } from 'zod'
import { contentVersion } from './process/content-hash.js'
import { crossCheck } from './process/cross-check.js'
import { loadDefinition } from './process/load-definition.js'
import { ProcessSchema, type ProcessDefinition } from './process/schema.js'
import type { DeliverableKind } from './process/schema-deliverables.js'
import type { Member, Org } from './opportunity/org.js'
import type { Deliverable, Opportunity } from './opportunity/types.js'
import { parseBeijing } from './timing/beijing-time.js'
import { parseCalendarYaml } from './timing/calendar-yaml.js'
import { buildCalendar, type Calendar, type WorkingHours } from './timing/working-calendar.js'

const ROOT = join(import.meta.dirname, '..')

/** Beijing wall-clock time → Date: at('2026-03-02 09:00'). */
export function at(text: string): Date {
  const d = parseBeijing(text)
  if (!d) throw new Error(`bad test time ${text}`)
  return d
}

export const OFFICE_HOURS: WorkingHours = { start: '09:00', end: '18:00', breaks: [{ start: '12:00', end: '13:00' }] }

/** The real statutory calendars from config/calendars with the given working hours. */
export function cnCalendar(hours: WorkingHours = OFFICE_HOURS): Calendar {
  const dir = join(ROOT, 'config/calendars')
  const years = readdirSync(dir).filter((f) => /^cn-\d{4}\.yaml$/.test(f)).map((f) => {
    const r = parseCalendarYaml(readFileSync(join(dir, f), 'utf8'), f)
    if (!r.ok) throw new Error(JSON.stringify(r.error))
    return r.value
  })
  return buildCalendar(hours, years)
}

export function loadProcessFile(name: string): ProcessDefinition {
  const file = join(ROOT, 'config/processes', name)
  const r = loadDefinition(readFileSync(file, 'utf8'), file)
  if ('issues' in r) throw new Error(JSON.stringify(r.issues))
  return r.definition
}

type ProcessInput = z.input<typeof ProcessSchema>

/** A small valid definition (a → b → c, each needing one voice summary); override any part. */
export function aDefinition(overrides: Partial<ProcessInput> = {}): ProcessDefinition {
  const node = (key: string) => ({
    key, name: { zh: `节点${key}`, en: `Node ${key}` }, timeLimit: { maxDwell: '1d' },
    deliverables: [{ key: 'note', kind: 'voice_summary' as const, name: { zh: '纪要', en: 'Note' } }],
  })
  const body = ProcessSchema.parse({ id: 'test', name: { zh: '测试', en: 'Test' }, nodes: ['a', 'b', 'c'].map(node), ...overrides })
  const problems = crossCheck(body)
  if (problems.length > 0) throw new Error(JSON.stringify(problems))
  return { ...body, version: contentVersion(body) }
}

/** An opportunity on the definition's first node (or `currentNode`), with a matching open run. */
export function anOpportunity(def: ProcessDefinition, overrides: Partial<Opportunity> = {}, enteredAt = at('2026-03-02 09:00')): Opportunity {
  const node = overrides.currentNode ?? def.nodes[0]?.key ?? 'a'
  return {
    id: 'opp1', tenantId: 't1', ownerId: 'rep', customerId: 'cust1', processId: def.id, definitionVersion: def.version,
    currentNode: node, fields: {}, deliverables: [], requirements: [], transitions: [],
    nodeRuns: [{ id: `opp1-${node}-1`, node, enteredAt, reminderLevel: 0 }],
    ...overrides,
  }
}

let deliverableSeq = 0
export function aDeliverable(node: string, key: string, kind: DeliverableKind, data: Record<string, unknown>, arrivedAt = at('2026-03-02 10:00')): Deliverable {
  deliverableSeq += 1
  return { id: `d${deliverableSeq}`, node, key, kind, data, arrivedAt }
}

export function aMember(overrides: Partial<Member> & { id: string }): Member {
  return { name: overrides.id, managerId: null, skills: [], openTaskCount: 0, ...overrides }
}

/** rep → lead → director → vp, plus two gov-process specialists. */
export function anOrg(extra: Member[] = []): Org {
  return {
    members: [
      aMember({ id: 'rep', managerId: 'lead', role: 'rep' }),
      aMember({ id: 'lead', managerId: 'director', role: 'manager' }),
      aMember({ id: 'director', managerId: 'vp', role: 'manager' }),
      aMember({ id: 'vp', role: 'manager' }),
      aMember({ id: 'gov-b', skills: ['gov-process'], openTaskCount: 2 }),
      aMember({ id: 'gov-a', skills: ['gov-process'], openTaskCount: 5 }),
      ...extra,
    ],
  }
}
