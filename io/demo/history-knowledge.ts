import type { EntityManager } from 'typeorm'
import { KNOWLEDGE_KINDS } from '../../core/dashboard/asset-rate.js'
import type { KnowledgeStatus } from '../../core/dashboard/knowledge-review.js'
import { appendAudit } from '../db/audit.repo.js'
import { KnowledgeItem } from '../db/entities/knowledge-item.entity.js'
import type { Member } from '../db/entities/member.entity.js'
import { Opportunity } from '../db/entities/opportunity.entity.js'
import { teamOf } from '../db/knowledge.repo.js'

const DAY = 86_400_000
const TITLES = {
  insight: ['检验科更关注试剂开放性', 'ICU 护士长决定耗材试用', '设备科预算多在三季度下达', '影像科主任重视售后响应时长'],
  script: ['彩超更新：预算未下达时的问法', '耗材替换：回应“现在用得挺好”', '招标前与设备科沟通话术', '竞品降价时的价值陈述'],
  sop: ['新装机 30 天回访 SOP', '招标参数论证 SOP', '耗材试用申请 SOP', '院内验收资料准备 SOP'],
} as const

/**
 * Per rep, one knowledge item every three weeks over about a year: the older ones reviewed by their manager and approved
 * by the manager above (or an admin), the recent ones still waiting — so every status and several quarters show up.
 * A few closed opportunities per team and quarter give the asset rate its denominator in past quarters.
 */
export async function seedKnowledgeHistory(tx: EntityManager, tenantId: string, now: Date, members: Member[]): Promise<void> {
  const byId = new Map(members.map((m) => [m.id, m]))
  const admin = members.find((m) => m.role === 'admin')
  const reps = members.filter((m) => m.role === 'rep' && m.managerId)
  for (const [r, rep] of reps.entries()) {
    const reviewer = byId.get(rep.managerId!)!
    const approver = (reviewer.managerId ? byId.get(reviewer.managerId) : undefined) ?? admin ?? reviewer
    for (let n = 0; n < 17; n++) {
      const created = new Date(now.getTime() - (n * 21 + r * 2 + 1) * DAY)
      const status: KnowledgeStatus = n === 0 ? 'draft' : n === 1 ? 'reviewed' : n % 5 === 4 ? 'draft' : 'reusable'
      const kind = KNOWLEDGE_KINDS[(n + r) % 3]!
      const reviewedAt = status === 'draft' ? null : new Date(created.getTime() + 2 * DAY)
      const approvedAt = status === 'reusable' ? new Date(created.getTime() + 5 * DAY) : null
      const item = await tx.save(tx.create(KnowledgeItem, { tenantId, kind, title: TITLES[kind][(n + r) % 4]!, status, authorId: rep.id,
        body: `${rep.name}整理：${TITLES[kind][(n + r) % 4]}。适用于${['检验科', '影像科', 'ICU', '心内科'][n % 4]}，已在 ${1 + (n % 3)} 家医院验证。`,
        teamId: teamOf(rep), department: ['lab', 'imaging', 'icu', 'cardiology'][n % 4]!, reviewerId: reviewedAt ? reviewer.id : null, reviewedAt,
        approverId: approvedAt ? approver.id : null, approvedAt, createdAt: created }))
      await appendAudit(tx, { tenantId, at: created, actor: rep.id, entity: 'knowledge_item', entityId: item.id, action: 'created', data: { kind, title: item.title } })
      if (reviewedAt) await appendAudit(tx, { tenantId, at: reviewedAt, actor: reviewer.id, entity: 'knowledge_item', entityId: item.id, action: 'reviewed', data: { from: 'draft', to: 'reviewed' } })
      if (approvedAt) await appendAudit(tx, { tenantId, at: approvedAt, actor: approver.id, entity: 'knowledge_item', entityId: item.id, action: 'approved', data: { from: 'reviewed', to: 'reusable' } })
    }
  }
  await seedPastOpportunities(tx, tenantId, now, reps)
}

async function seedPastOpportunities(tx: EntityManager, tenantId: string, now: Date, reps: Member[]): Promise<void> {
  const sample = await tx.findOne(Opportunity, { where: { tenantId }, order: { createdAt: 'ASC' } })
  if (!sample) return
  for (const [r, rep] of reps.entries()) {
    for (let n = 0; n < 12; n++) {
      const opened = new Date(now.getTime() - (95 + n * 23 + r * 3) * DAY)
      await tx.save(tx.create(Opportunity, { tenantId, customerId: sample.customerId, ownerId: rep.id, title: `历史商机 ${rep.name} ${n + 1}`,
        processId: sample.processId, definitionVersion: sample.definitionVersion, currentNode: sample.currentNode, fields: {},
        status: n % 3 === 0 ? 'lost' : 'won', closedAt: new Date(opened.getTime() + 40 * DAY), createdAt: opened }))
    }
  }
}
