import type { EntityManager } from 'typeorm'
import type { ApprovedItem, KnowledgeKind, TeamOpportunity } from '../../core/dashboard/asset-rate.js'
import { KnowledgeItem } from './entities/knowledge-item.entity.js'
import type { Member } from './entities/member.entity.js'

/** The team a member's work counts for: a rep's direct manager; a manager or admin heads their own. */
export const teamOf = (m: Pick<Member, 'id' | 'role' | 'managerId'>): string => (m.role === 'rep' && m.managerId ? m.managerId : m.id)

/** Items whose author the caller may see (`ids` null = everyone), newest first, optionally one status. */
export async function listKnowledge(m: EntityManager, tenantId: string, ids: string[] | null, status?: string): Promise<(KnowledgeItem & { author: string; reviewer: string | null; approver: string | null })[]> {
  const rows: Record<string, unknown>[] = await m.query(
    `SELECT k.id, k.kind, k.title, k.body, k.status, k.author_id, k.team_id, k.department, k.reviewer_id, k.reviewed_at, k.approver_id,
            k.approved_at, k.created_at, a.name AS author, r.name AS reviewer, p.name AS approver
       FROM knowledge_item k JOIN member a ON a.id = k.author_id LEFT JOIN member r ON r.id = k.reviewer_id LEFT JOIN member p ON p.id = k.approver_id
      WHERE k.tenant_id = $1 AND ($2::uuid[] IS NULL OR k.author_id = ANY($2)) AND ($3::text IS NULL OR k.status = $3)
      ORDER BY k.created_at DESC, k.id LIMIT 500`, [tenantId, ids, status ?? null])
  return rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, status: r.status, authorId: r.author_id, teamId: r.team_id,
    department: r.department, reviewerId: r.reviewer_id, reviewedAt: r.reviewed_at, approverId: r.approver_id, approvedAt: r.approved_at,
    createdAt: r.created_at, author: r.author, reviewer: r.reviewer, approver: r.approver }) as KnowledgeItem & { author: string; reviewer: string | null; approver: string | null })
}

/** Items approved as reusable in [from, to) for the given teams (null = all). */
export async function approvedItems(m: EntityManager, tenantId: string, teams: string[] | null, from: Date, to: Date): Promise<ApprovedItem[]> {
  const rows: { team_id: string; kind: KnowledgeKind; approved_at: Date }[] = await m.query(
    `SELECT team_id, kind, approved_at FROM knowledge_item WHERE tenant_id = $1 AND status = 'reusable'
        AND approved_at >= $2 AND approved_at < $3 AND ($4::uuid[] IS NULL OR team_id = ANY($4))`, [tenantId, from, to, teams])
  return rows.map((r) => ({ teamId: r.team_id, kind: r.kind, approvedAt: r.approved_at }))
}

/**
 * Opportunities opened in [from, to), each counted for its owner's team (a rep's manager; a manager's own). Opened =
 * its first node run's entry, or its creation when earlier (imported opportunities are created after they began).
 */
export async function teamOpportunities(m: EntityManager, tenantId: string, from: Date, to: Date): Promise<TeamOpportunity[]> {
  const rows: { team_id: string; created_at: Date }[] = await m.query(
    `SELECT * FROM (
       SELECT CASE WHEN mb.role = 'rep' AND mb.manager_id IS NOT NULL THEN mb.manager_id ELSE mb.id END AS team_id,
              LEAST(o.created_at, (SELECT min(r.entered_at) FROM node_run r WHERE r.tenant_id = $1 AND r.opportunity_id = o.id)) AS created_at
         FROM opportunity o JOIN member mb ON mb.id = o.owner_id WHERE o.tenant_id = $1) x
      WHERE created_at >= $2 AND created_at < $3`, [tenantId, from, to])
  return rows.map((r) => ({ teamId: r.team_id, createdAt: r.created_at }))
}
