import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import request from 'supertest'
import { parseKeywordsYaml } from '../../core/rules/keywords.js'
import { loadDefinition } from '../../core/process/load-definition.js'
import { buildCalendar } from '../../core/timing/working-calendar.js'
import { createApp } from '../../bot/app.js'
import { sidebarRouters } from '../../bot/routes/sidebar.route.js'
import { CONFIG_DIR, type ProcessConfig } from '../../io/config/process-config.js'
import { Contact } from '../../io/db/entities/contact.entity.js'
import { Customer } from '../../io/db/entities/customer.entity.js'
import { createWorld, type World } from './fixtures/sales-world.js'

/** Two nodes: a visit that needs a photo and a summary, then a quote that needs a quote with ≥ 30 days' validity. */
export const SIDEBAR_PROCESS_YAML = `
id: sidebar
name: { zh: 侧边栏流程, en: Sidebar process }
fields:
  - { key: amount, name: { zh: 金额, en: Amount }, type: number }
nodes:
  - key: visit
    name: { zh: 首次拜访, en: First visit }
    timeLimit: { maxDwell: 600m }
    deliverables:
      - { key: sign-photo, kind: photo, name: { zh: 科室门牌照片, en: Department sign photo } }
      - { key: summary, kind: voice_summary, name: { zh: 拜访小结, en: Visit summary } }
  - key: quote
    name: { zh: 报价, en: Quote }
    timeLimit: { maxDwell: 600m }
    deliverables:
      - { key: quote-sheet, kind: quote, name: { zh: 报价单, en: Quote sheet }, minValidDays: 30 }
  - key: sign
    name: { zh: 签约, en: Contract }
rules:
  - id: big-deal
    trigger: { on: field.changed, fields: [amount] }
    when: { ">": [{ var: fields.amount }, 100000] }
    then:
      - { do: create_task, title: { zh: 准备招标材料, en: Prepare tender papers }, assignee: owner, due: 60m }
  - id: president-heard
    trigger: { on: keyword.heard, keywords: [院长] }
    then:
      - { do: create_task, title: { zh: 安排院长拜访, en: Plan the president visit }, assignee: owner }
`

export function sidebarConfig(): ProcessConfig {
  const r = loadDefinition(SIDEBAR_PROCESS_YAML, 'sidebar.yaml')
  if ('issues' in r) throw new Error(JSON.stringify(r.issues))
  const dict = parseKeywordsYaml(readFileSync(join(CONFIG_DIR, 'keywords', 'sales.yaml'), 'utf8'))
  if (!dict.ok) throw new Error(JSON.stringify(dict.error))
  return { definitions: [r.definition], calendar: buildCalendar({ start: '00:00', end: '24:00' }, [], []), keywords: [dict.value] }
}

export type SidebarWorld = World & {
  app: ReturnType<ReturnType<typeof createApp>['callback']>
  /** Owned by tenderBusy; its contact wmFollowed is followed by tenderFree. */
  otherCustomerId: string
  login(memberId: string): Promise<ReturnType<typeof request.agent>>
}

/**
 * rep → lead → director own 浙大一院 (contact wmHospital01, followed by rep); tenderBusy owns 邵逸夫医院 whose
 * contact tenderFree follows.
 */
export async function createSidebarWorld(extraEnv: Record<string, string> = {}): Promise<SidebarWorld> {
  const w = await createWorld({ STORAGE_DIR: `/tmp/sidebar-${Date.now()}-${Math.random().toString(36).slice(2)}`, ...extraEnv })
  const m = w.t.db.manager
  await m.save(m.create(Contact, { tenantId: w.tenantId, customerId: w.customerId, name: '陈主任', externalUserId: 'wmHospital01', followerIds: [w.m.rep.id] }))
  const other = await m.save(m.create(Customer, { tenantId: w.tenantId, name: '邵逸夫医院', ownerId: w.m.tenderBusy.id }))
  await m.save(m.create(Contact, { tenantId: w.tenantId, customerId: other.id, name: '周科长', externalUserId: 'wmFollowed', followerIds: [w.m.tenderFree.id] }))
  const config = sidebarConfig()
  const app = createApp({ log: w.rt.log, probes: {}, routers: sidebarRouters(w.rt, { config, devLogin: true }) }).callback()
  return {
    ...w, config, app, otherCustomerId: other.id,
    async login(memberId) {
      const agent = request.agent(app)
      await agent.post('/auth/dev-login').send({ memberId }).expect(200)
      return agent
    },
  }
}
