import type { DataSource, EntityManager } from 'typeorm'
import type { ProcessDefinition } from '../../core/process/schema.js'
import { appendAudit } from '../db/audit.repo.js'
import { Activity } from '../db/entities/activity.entity.js'
import { Contact } from '../db/entities/contact.entity.js'
import { Customer } from '../db/entities/customer.entity.js'
import { Member } from '../db/entities/member.entity.js'
import { NodeRun } from '../db/entities/node-run.entity.js'
import { Opportunity } from '../db/entities/opportunity.entity.js'
import { ProcessVersion } from '../db/entities/process-version.entity.js'
import { Tenant } from '../db/entities/tenant.entity.js'
import { DEMO_CUSTOMERS, DEMO_DEPARTMENTS, DEMO_MEMBERS, DEMO_SUMMARIES, DEMO_TENANT } from './demo-data.js'

const DAY = 86_400_000
export type DueFor = (node: string, enteredAt: Date) => Date | null
export type SeedResult = { tenantId: string; created: boolean; members: number; customers: number; opportunities: number }

/**
 * The demo tenant: a director, a manager, five reps and an admin; twenty customers; one opportunity per
 * customer spread over the process's nodes, some of them overdue. Idempotent: an existing tenant is kept.
 */
export async function seedDemo(db: DataSource, def: ProcessDefinition, now: Date, dueFor: DueFor, slug: string = DEMO_TENANT.slug): Promise<SeedResult> {
  return db.transaction(async (tx) => {
    const tenant = await tx.findOneBy(Tenant, { slug }) ?? await tx.save(tx.create(Tenant, { ...DEMO_TENANT, slug, channel: 'wecom' }))
    const tenantId = tenant.id
    if (await tx.existsBy(Member, { tenantId })) return { tenantId, created: false, members: 0, customers: 0, opportunities: 0 }
    await tx.save(tx.create(ProcessVersion, { tenantId, processId: def.id, version: def.version, definition: def as unknown as Record<string, unknown> }))
    const members = await seedMembers(tx, tenantId)
    const reps = DEMO_MEMBERS.filter((m) => m.role === 'rep').map((m) => members.get(m.key)!)
    let opportunities = 0
    for (const [i, [name, industry, lat, lng]] of DEMO_CUSTOMERS.entries()) {
      const owner = reps[i % reps.length]!
      const customer = await tx.save(tx.create(Customer, { tenantId, name, industry, lat, lng, ownerId: owner.id,
        address: `浙江省杭州市 ${name}`, departments: industry === '医疗' ? DEMO_DEPARTMENTS : [] }))
      await tx.save(tx.create(Contact, { tenantId, customerId: customer.id, name: `${name.slice(0, 2)}联系人`,
        externalUserId: `wm_demo_${String(i + 1).padStart(2, '0')}`, role: industry === '医疗' ? '科主任' : '采购负责人',
        followerIds: [owner.id] }))
      await seedOpportunity(tx, { tenantId, def, now, dueFor, index: i, owner, customer })
      opportunities++
    }
    return { tenantId, created: true, members: members.size, customers: DEMO_CUSTOMERS.length, opportunities }
  })
}

async function seedMembers(tx: EntityManager, tenantId: string): Promise<Map<string, Member>> {
  const byKey = new Map<string, Member>()
  for (const m of DEMO_MEMBERS) {
    const managerId = m.manager ? byKey.get(m.manager)!.id : null
    byKey.set(m.key, await tx.save(tx.create(Member, { tenantId, platformUserId: m.key, name: m.name, role: m.role,
      managerId, skills: [...m.skills], hireDate: m.hireDate })))
  }
  return byKey
}

type OppSeed = { tenantId: string; def: ProcessDefinition; now: Date; dueFor: DueFor; index: number; owner: Member; customer: Customer }

async function seedOpportunity(tx: EntityManager, s: OppSeed): Promise<void> {
  const { tenantId, def, now, index } = s
  const nodeIndex = index % def.nodes.length
  const overdue = index % 3 === 0 // every third opportunity has stalled in its current node
  const currentEntered = new Date(now.getTime() - (overdue ? 12 : 1) * DAY)
  const amount = (150_000 + ((index * 137_000) % 900_000)).toFixed(2)
  const opp = await tx.save(tx.create(Opportunity, { tenantId, customerId: s.customer.id, ownerId: s.owner.id,
    title: `${s.customer.name} · ${s.customer.industry === '教育' ? '智慧教室设备' : '彩超设备更新'}`, processId: def.id,
    definitionVersion: def.version, currentNode: def.nodes[nodeIndex]!.key, amount,
    fields: { industry: s.customer.industry, amount: Number(amount) } }))
  let entered = new Date(currentEntered.getTime() - nodeIndex * 6 * DAY)
  for (let n = 0; n <= nodeIndex; n++) {
    const node = def.nodes[n]!.key
    const isCurrent = n === nodeIndex
    const start = isCurrent ? currentEntered : entered
    const due = s.dueFor(node, start)
    const late = (index + n) % 4 === 0
    const doneAt = isCurrent ? null : new Date(due && late ? due.getTime() + DAY : start.getTime() + 2 * DAY)
    await tx.save(tx.create(NodeRun, { tenantId, opportunityId: opp.id, node, enteredAt: start, dueAt: due, doneAt,
      exit: isCurrent ? null : 'advanced', nextReminderAt: isCurrent ? due : null }))
    entered = new Date(start.getTime() + 6 * DAY)
  }
  for (let k = 0; k < 4; k++) {
    const at = new Date(currentEntered.getTime() - (4 - k) * DAY / 2)
    await tx.save(tx.create(Activity, { tenantId, opportunityId: opp.id, customerId: s.customer.id, memberId: s.owner.id,
      kind: k % 2 ? 'visit' : 'voice', summary: DEMO_SUMMARIES[(index + k) % DEMO_SUMMARIES.length]!, occurredAt: at, receivedAt: at }))
  }
  await appendAudit(tx, { tenantId, at: opp.createdAt, actor: `member:${s.owner.platformUserId}`, entity: 'opportunity',
    entityId: opp.id, action: 'created', data: { title: opp.title, node: opp.currentNode, amount } })
}
