import { describe, expect, it } from 'vitest'
import { definitionOrThrow, loadProcessConfig } from '../config/process-config.js'
import type { Customer } from '../db/entities/customer.entity.js'
import type { Member } from '../db/entities/member.entity.js'
import { DEMO_CUSTOMERS, DEMO_MEMBERS } from './demo-data.js'
import { planHistory } from './history.js'

const DAY = 86_400_000
const config = loadProcessConfig()
const def = definitionOrThrow(config, 'new-customer')
const members = DEMO_MEMBERS.map((m, i) => ({ id: `m${i}`, platformUserId: m.key, name: m.name, role: m.role }) as unknown as Member)
const reps = members.filter((m) => (m as unknown as { role: string }).role === 'rep')
const customers = DEMO_CUSTOMERS.map(([name, industry, lat, lng], i) => ({ id: `c${i}`, name, industry, lat, lng, ownerId: reps[i % reps.length]!.id }) as unknown as Customer)

// The demo's history is laid out relative to the day it is seeded, so its rules must hold whatever that day is.
describe('demo history', () => {
  const byName = (k: string) => members.find((m) => m.platformUserId === k)!
  // one case per seeding day (sixty plans in one case ran past the 5 s limit on a loaded CI machine)
  it.each(Array.from({ length: 60 }, (_, day) => day))('keeps evidence inside its run and nothing in the future, seeded on day %i', (day) => {
    const now = new Date(Date.UTC(2026, 10, 1, 1, 30) + day * DAY + (day % 7) * 3_600_000)
    const rows = planHistory({ tenantId: 't', slug: 'demo', def, others: config.definitions.filter((d) => d.id !== def.id), now,
      calendar: config.calendar, reps, customers, manager: byName('wangjianguo'), director: byName('zhouzong') })
    const runs = new Map(rows.nodeRuns.map((r) => [r.id, r]))
    const outside = rows.deliverables.filter((d) => {
      const run = runs.get(d.nodeRunId as string)!
      const arrived = (d.arrivedAt as Date).getTime()
      return arrived < (run.enteredAt as Date).getTime() || arrived > ((run.doneAt as Date | null) ?? now).getTime()
    })
    expect(outside.map((d) => [now.toISOString(), d.kind, d.arrivedAt])).toEqual([])
    expect(rows.activities.filter((a) => (a.occurredAt as Date) > now).map((a) => [now.toISOString(), a.kind])).toEqual([])
  })
})
