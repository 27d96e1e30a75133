import type { DataSource } from 'typeorm'
import type { ProcessDefinition } from '../../core/process/schema.js'
import type { ProcessConfig } from '../config/process-config.js'
import { HISTORY_DAYS } from './history.js'
import { seedHeatmapHistory } from './history-heatmap.js'
import { seedTraceHistory } from './history-trace.js'
import { seedDemo, type SeedResult } from './seed.js'

export type SeedAllOptions = { config: ProcessConfig; def: ProcessDefinition; now: Date; storageDir: string; slug?: string }

/**
 * What `npm run seed:demo`, `npm run demo` and the end-to-end tests seed: the demo tenant with its history, then
 * the heatmap's weekly visits and knowledge items and the trace chain's contracts and payments on top. Those extras
 * run only when the tenant was created just now, so a tenant that already has members (perhaps a real one under the
 * same slug) is never touched.
 */
export async function seedDemoWithHistory(db: DataSource, o: SeedAllOptions): Promise<SeedResult & { months: number }> {
  const others = o.config.definitions.filter((d) => d.id !== o.def.id)
  const r = await seedDemo(db, { def: o.def, others, now: o.now, calendar: o.config.calendar, storageDir: o.storageDir, ...(o.slug ? { slug: o.slug } : {}) })
  if (r.created) {
    // Heatmap first: its knowledge history adds closed deals, and the trace chain numbers contracts over all of them.
    await seedHeatmapHistory(db, r.tenantId, o.now)
    await seedTraceHistory(db, r.tenantId, o.now)
  }
  return { ...r, months: Math.round(HISTORY_DAYS / 30) }
}
