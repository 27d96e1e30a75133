import { reject, type Rejection } from '../errors.js'
import { err, ok, type Result } from '../result.js'

export const KNOWLEDGE_STATUSES = ['draft', 'reviewed', 'reusable'] as const
export type KnowledgeStatus = (typeof KNOWLEDGE_STATUSES)[number]

const NEXT: Record<KnowledgeStatus, KnowledgeStatus | null> = { draft: 'reviewed', reviewed: 'reusable', reusable: null }

/**
 * Whether `actor` may move an item written by `authorId` from `from` to `to`: one step forward at a time
 * (draft → reviewed → reusable), by a manager or admin who is not the author.
 */
export function checkReview(from: KnowledgeStatus, to: KnowledgeStatus, authorId: string, actor: { id: string; role: string }): Result<KnowledgeStatus, Rejection> {
  if (actor.role !== 'manager' && actor.role !== 'admin') return err(reject('FORBIDDEN'))
  if (actor.id === authorId) return err(reject('KNOWLEDGE_SELF_REVIEW'))
  if (NEXT[from] !== to) return err(reject('KNOWLEDGE_TRANSITION_NOT_ALLOWED', { from, to }))
  return ok(to)
}
