import { createHash } from 'node:crypto'
import type { EntityManager } from 'typeorm'
import { canonicalJson } from '../../core/canonical-json.js'
import { AuditLog } from './entities/audit-log.entity.js'

export const GENESIS_HASH = '0'.repeat(64)

export type AuditEntry = {
  tenantId: string; at: Date; actor: string; entity: string; entityId: string; action: string
  data?: Record<string, unknown>
}

export function auditHash(prevHash: string, e: AuditEntry & { seq: number }): string {
  const body = canonicalJson({ tenantId: e.tenantId, seq: e.seq, at: e.at, actor: e.actor, entity: e.entity,
    entityId: e.entityId, action: e.action, data: e.data ?? {} })
  return createHash('sha256').update(prevHash).update(body).digest('hex')
}

/**
 * Append one entry to the tenant's chain. Must run inside the caller's transaction: the advisory lock
 * serialises appends per tenant so two writers never fork the chain.
 */
export async function appendAudit(tx: EntityManager, e: AuditEntry): Promise<AuditLog> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`audit:${e.tenantId}`])
  const last = await tx.findOne(AuditLog, { where: { tenantId: e.tenantId }, order: { seq: 'DESC' } })
  const seq = (last?.seq ?? 0) + 1
  const prevHash = last?.hash ?? GENESIS_HASH
  const row = tx.create(AuditLog, { ...e, data: e.data ?? {}, seq, prevHash, hash: auditHash(prevHash, { ...e, seq }) })
  return tx.save(row)
}

export type ChainBreak = { tenantId: string; seq: number; id: string; reason: 'hash_mismatch' | 'prev_mismatch' | 'seq_gap' }

/** Recompute every tenant's chain; the first broken entry of each broken chain. */
export async function verifyAuditChains(m: EntityManager, batch = 5000): Promise<{ checked: number; breaks: ChainBreak[] }> {
  const tenants: { tenant_id: string }[] = await m.query('SELECT DISTINCT tenant_id FROM audit_log')
  const breaks: ChainBreak[] = []
  let checked = 0
  for (const { tenant_id: tenantId } of tenants) {
    let prev = GENESIS_HASH
    let expectSeq = 1
    for (let after = 0; ; ) {
      const rows = await m.find(AuditLog, { where: { tenantId }, order: { seq: 'ASC' }, take: batch, skip: after })
      if (rows.length === 0) break
      after += rows.length
      const broken = rows.find((r) => {
        checked++
        const reason = r.seq !== expectSeq ? 'seq_gap' : r.prevHash !== prev ? 'prev_mismatch'
          : auditHash(r.prevHash, r) !== r.hash ? 'hash_mismatch' : null
        if (reason) breaks.push({ tenantId, seq: r.seq, id: String(r.id), reason })
        prev = r.hash
        expectSeq = r.seq + 1
        return reason !== null
      })
      if (broken) break
    }
  }
  return { checked, breaks }
}
