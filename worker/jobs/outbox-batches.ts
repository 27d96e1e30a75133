import { claimOutboxMany, markOutboxSentMany, type ClaimedOutbox } from '../../io/db/outbox.repo.js'
import type { JobContext } from '../job-context.js'
import { groupCommit } from './group-commit.js'

/** Notify jobs running together claim their rows in one statement and record their sends in another (group commit). */
export const NOTIFY_BATCH = { max: 50 }
/** Sends in flight at once: WeCom answers in tens of milliseconds from China, so throughput needs many. */
export const NOTIFY_CONCURRENCY = 2 * NOTIFY_BATCH.max

export type OutboxBatches = {
  /** The row, claimed for this job, or null (sent already, held by another worker, or not yet due). */
  claim(tenantId: string, outboxId: string, ctx: JobContext, leaseMs: number): Promise<ClaimedOutbox | null>
  markSent(tenantId: string, outboxId: string, ctx: JobContext, platformMsgId: string): Promise<void>
}

export function outboxBatches(): OutboxBatches {
  type Claim = { id: string; ctx: JobContext; leaseMs: number }
  const claims = groupCommit<Claim, ClaimedOutbox | null>(async (tenantId, items) => {
    const first = items[0]!
    const rows = new Map((await claimOutboxMany(first.ctx.rt.db.manager, tenantId, items.map((i) => i.id), first.ctx.now(), first.leaseMs))
      .map((r) => [r.id, r]))
    // Two jobs for one row in the same batch: the first gets the claim, the second finds it held, as one after the other would.
    return items.map((i) => {
      const row = rows.get(i.id) ?? null
      rows.delete(i.id)
      return row
    })
  }, NOTIFY_BATCH)
  // Group commit, not a timer: when the worker is idle a row is marked the moment the platform accepts its
  // message, and under load the sends that finish during one UPDATE are marked by the next.
  type Sent = { id: string; ctx: JobContext; platformMsgId: string }
  const sent = groupCommit<Sent, undefined>(async (tenantId, items) => {
    const at = items[0]!.ctx.now()
    await markOutboxSentMany(items[0]!.ctx.rt.db.manager, tenantId, items.map((i) => ({ id: i.id, at, platformMsgId: i.platformMsgId })))
    return items.map(() => undefined)
  }, { max: 100 })
  return {
    claim: (tenantId, id, ctx, leaseMs) => claims(tenantId, { id, ctx, leaseMs }),
    markSent: (tenantId, id, ctx, platformMsgId) => sent(tenantId, { id, ctx, platformMsgId }),
  }
}
