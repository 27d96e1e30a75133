import type { EntityManager, ObjectLiteral } from 'typeorm'
import { auditHash, GENESIS_HASH, type AuditEntry } from '../db/audit.repo.js'
import { Activity } from '../db/entities/activity.entity.js'
import { Attachment } from '../db/entities/attachment.entity.js'
import { AuditLog } from '../db/entities/audit-log.entity.js'
import { Deliverable } from '../db/entities/deliverable.entity.js'
import { NodeRun } from '../db/entities/node-run.entity.js'
import { Opportunity } from '../db/entities/opportunity.entity.js'
import { Quote } from '../db/entities/quote.entity.js'
import { writeAttachmentFiles, type DemoAttachment } from './history-photos.js'

type Row<T> = { [K in keyof T]?: T[K] }

/** Every row of the demo history, collected first and written in a few multi-row INSERTs (PGlite stays fast). */
export type HistoryRows = {
  opportunities: Row<Opportunity>[]; nodeRuns: Row<NodeRun>[]; deliverables: Row<Deliverable>[]; activities: Row<Activity>[]
  quotes: Row<Quote>[]; attachments: DemoAttachment[]; audit: AuditEntry[]
}

export const emptyRows = (): HistoryRows => ({ opportunities: [], nodeRuns: [], deliverables: [], activities: [], quotes: [], attachments: [], audit: [] })

/**
 * One INSERT … SELECT FROM jsonb_to_recordset($1) per table: a single parameter however many rows, so the parse and
 * plan cost is paid once (TypeORM's multi-row VALUES builder took most of the seed's time on PGlite).
 */
async function insertAll<T extends ObjectLiteral>(tx: EntityManager, target: new () => T, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return
  const meta = tx.connection.getMetadata(target)
  const given = meta.columns.filter((c) => rows.some((r) => c.propertyName in r))
  const names = given.map((c) => `"${c.databaseName}"`).join(', ')
  const types = given.map((c) => `"${c.databaseName}" ${tx.connection.driver.normalizeType(c).replace(/^character.*/, 'text')}`).join(', ')
  const json = rows.map((r) => Object.fromEntries(given.map((c) => [c.databaseName, (r as Record<string, unknown>)[c.propertyName] ?? null])))
  await tx.query(`INSERT INTO "${meta.tableName}" (${names}) SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS x(${types})`, [JSON.stringify(json)])
}

/**
 * Appends entries to the tenant's audit chain in time order, hashed exactly as appendAudit does and under the same
 * per-tenant advisory lock, so `npm run audit:verify` holds and a concurrent appendAudit cannot fork the chain.
 */
export async function appendAuditBatch(tx: EntityManager, tenantId: string, entries: readonly AuditEntry[]): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`audit:${tenantId}`])
  const last = await tx.findOne(AuditLog, { where: { tenantId }, order: { seq: 'DESC' } })
  let seq = last?.seq ?? 0
  let prevHash = last?.hash ?? GENESIS_HASH
  const rows = [...entries].sort((a, b) => a.at.getTime() - b.at.getTime()).map((e) => {
    seq++
    const row = { ...e, data: e.data ?? {}, seq, prevHash, hash: auditHash(prevHash, { ...e, seq }) }
    prevHash = row.hash
    return row
  })
  await insertAll(tx, AuditLog, rows)
}

/** The files first (content-addressed, harmless if the transaction then fails), then the rows, then the audit chain. */
export async function insertHistoryRows(tx: EntityManager, tenantId: string, rows: HistoryRows, storageDir: string): Promise<void> {
  await writeAttachmentFiles(storageDir, rows.attachments)
  await insertAll(tx, Attachment, rows.attachments.map(({ bytes: _bytes, ...a }) => a))
  await insertAll(tx, Opportunity, rows.opportunities)
  await insertAll(tx, NodeRun, rows.nodeRuns)
  await insertAll(tx, Deliverable, rows.deliverables)
  await insertAll(tx, Quote, rows.quotes)
  await insertAll(tx, Activity, rows.activities)
  await appendAuditBatch(tx, tenantId, rows.audit)
}
