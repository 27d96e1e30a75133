import type { DataSource, EntityManager } from 'typeorm'
import type { ProcessDefinition } from '../../core/process/schema.js'
import type { Calendar } from '../../core/timing/working-calendar.js'
import { Contact } from '../db/entities/contact.entity.js'
import { Customer } from '../db/entities/customer.entity.js'
import { Member } from '../db/entities/member.entity.js'
import { ProcessVersion } from '../db/entities/process-version.entity.js'
import { Tenant } from '../db/entities/tenant.entity.js'
import { DEMO_CUSTOMERS, DEMO_DEPARTMENTS, DEMO_MEMBERS, DEMO_TENANT } from './demo-data.js'
import { seedHistory } from './history.js'

/** `def` carries today's opportunities; `others` (the tenant's other processes) get history only. */
export type SeedOptions = { def: ProcessDefinition; others?: ProcessDefinition[]; now: Date; calendar: Calendar; storageDir: string; slug?: string }
export type SeedResult = { tenantId: string; created: boolean; members: number; customers: number; opportunities: number }

/**
 * The demo tenant: a director, a manager, five reps and an admin; twenty customers, each with today's opportunity
 * (some overdue), and about four months of history behind them (see history.ts). One transaction; idempotent:
 * a tenant that already has members is left exactly as it is.
 */
export async function seedDemo(db: DataSource, o: SeedOptions): Promise<SeedResult> {
  const slug = o.slug ?? DEMO_TENANT.slug
  return db.transaction(async (tx) => {
    const tenant = await tx.findOneBy(Tenant, { slug }) ?? await tx.save(tx.create(Tenant, { ...DEMO_TENANT, slug, channel: 'wecom' }))
    const tenantId = tenant.id
    if (await tx.existsBy(Member, { tenantId })) return { tenantId, created: false, members: 0, customers: 0, opportunities: 0 }
    await tx.save([o.def, ...o.others ?? []].map((def) => tx.create(ProcessVersion, { tenantId, processId: def.id, version: def.version,
      definition: def as unknown as Record<string, unknown> })))
    const members = await seedMembers(tx, tenantId)
    const reps = DEMO_MEMBERS.filter((m) => m.role === 'rep').map((m) => members.get(m.key)!)
    const customers = await seedCustomers(tx, tenantId, reps)
    const opportunities = await seedHistory(tx, { tenantId, slug, def: o.def, others: o.others ?? [], now: o.now, calendar: o.calendar,
      storageDir: o.storageDir, reps, customers, manager: members.get('wangjianguo')!, director: members.get('zhouzong')! })
    return { tenantId, created: true, members: members.size, customers: customers.length, opportunities }
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

/** The twenty customers, each owned by a rep in turn, with one WeCom contact (wm_demo_01 …) the owner follows. */
async function seedCustomers(tx: EntityManager, tenantId: string, reps: Member[]): Promise<Customer[]> {
  const customers = await tx.save(DEMO_CUSTOMERS.map(([name, industry, lat, lng], i) => tx.create(Customer, { tenantId, name, industry, lat, lng,
    ownerId: reps[i % reps.length]!.id, address: `浙江省杭州市 ${name}`, departments: industry === '医疗' ? DEMO_DEPARTMENTS : [] })))
  await tx.save(customers.map((c, i) => tx.create(Contact, { tenantId, customerId: c.id, name: `${c.name.slice(0, 2)}联系人`,
    externalUserId: `wm_demo_${String(i + 1).padStart(2, '0')}`, role: c.industry === '医疗' ? '科主任' : '采购负责人', followerIds: [c.ownerId!] })))
  return customers
}
