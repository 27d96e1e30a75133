import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseHeatmapValues } from '../../core/dashboard/heatmap-input.js'
import { loadHeatmapConfig } from '../../io/config/heatmap-config.js'
import { verifyAuditChains } from '../../io/db/audit.repo.js'
import { Member } from '../../io/db/entities/member.entity.js'
import { seedHeatmapHistory } from '../../io/demo/history-heatmap.js'
import { loadHeatmapView } from '../../io/heatmap-view.js'
import { createSidebarWorld, type SidebarWorld } from './sidebar-api-fixture.js'

const NOW = new Date('2026-11-27T03:00:00Z') // a Friday
const cfg = loadHeatmapConfig()
let w: SidebarWorld

beforeAll(async () => {
  w = await createSidebarWorld()
  const m = w.t.db.manager
  await m.save(m.create(Member, { tenantId: w.tenantId, platformUserId: 'rep2', name: '张伟', role: 'rep', managerId: w.m.lead.id }))
  const depts = JSON.stringify([{ key: 'lab', name: '检验科' }, { key: 'ultrasound', name: '超声科' }])
  for (const name of ['浙大二院', '浙江省人民医院', '杭州市中医院', '富阳区人民医院', '临安区人民医院', '桐庐县第一人民医院']) {
    await m.query(`INSERT INTO customer (tenant_id, name, owner_id, departments) VALUES ($1, $2, $3, $4)`, [w.tenantId, name, w.m.rep.id, depts])
  }
  await m.query(`INSERT INTO opportunity (tenant_id, customer_id, owner_id, title, process_id, definition_version, current_node)
    VALUES ($1, $2, $3, '彩超更新', 'sidebar', '1', 'visit')`, [w.tenantId, w.customerId, w.m.rep.id])
  await seedHeatmapHistory(w.t.db, w.tenantId, NOW, cfg)
})
afterAll(async () => {
  await w.close()
})

describe('seedHeatmapHistory', () => {
  it('writes twelve weeks of visits whose answers the visit form would accept, some customers quiet at the end', async () => {
    const rows = await w.t.db.query(`SELECT customer_id, occurred_at, data->'heatmap' AS h FROM activity WHERE tenant_id = $1 AND data ? 'heatmap'`,
      [w.tenantId]) as { customer_id: string; occurred_at: Date; h: unknown }[]
    expect(rows.length).toBeGreaterThan(40)
    for (const r of rows) {
      expect(parseHeatmapValues(cfg, r.h).ok).toBe(true)
      expect(r.occurred_at.getTime()).toBeLessThan(NOW.getTime())
      expect(r.occurred_at.getTime()).toBeGreaterThan(NOW.getTime() - 12 * 7 * 86_400_000)
    }
    const view = await loadHeatmapView(w.t.db.manager, cfg, w.tenantId, null, NOW, 8)
    expect(view.departments.find((d) => d.key === 'lab')!.cells.at(-1)!.customers).toBeGreaterThan(0)
    expect(view.red.length).toBeGreaterThan(0)
  })

  it('writes knowledge items in every status, each reviewed and approved by someone other than its author, on an intact audit chain', async () => {
    const items = await w.t.db.query(`SELECT status, author_id, reviewer_id, approver_id FROM knowledge_item WHERE tenant_id = $1`, [w.tenantId]) as
      { status: string; author_id: string; reviewer_id: string | null; approver_id: string | null }[]
    expect(new Set(items.map((i) => i.status))).toEqual(new Set(['draft', 'reviewed', 'reusable']))
    for (const i of items.filter((x) => x.status === 'reusable')) {
      expect([i.reviewer_id, i.approver_id]).not.toContain(i.author_id)
      expect(i.reviewer_id && i.approver_id).toBeTruthy()
    }
    expect((await verifyAuditChains(w.t.db.manager)).breaks).toEqual([])
  })

  it('adds nothing when run again', async () => {
    const count = async () => (await w.t.db.query(`SELECT (SELECT count(*) FROM activity)::int + (SELECT count(*) FROM knowledge_item)::int
      + (SELECT count(*) FROM opportunity)::int AS n`))[0].n as number
    const before = await count()
    await seedHeatmapHistory(w.t.db, w.tenantId, NOW, cfg)
    expect(await count()).toBe(before)
  })
})
