export type NewInboxRow = {
  tenantId: string; channel: string; dedupeKey: string; eventType: string
  payload: Record<string, unknown>; raw: string; receivedAt: Date
}
export type InboxInsert = { id: string; inserted: boolean }
/** A statement with a name, so a pool can prepare it once per connection (the text never changes with batch size). */
export type Statement = { name: string; text: string }
export type KeyRow = { id: string; tenant_id: string; channel: string; dedupe_key: string }
export type RunStatement = (s: Statement, params: unknown[]) => Promise<KeyRow[]>

// The rows travel as one JSON array (one JSON.stringify, parsed by PostgreSQL in C; seven text arrays cost the pg
// driver an escape per element) and are inserted in arrival order, so ids ascend with arrival.
const INSERT: Statement = {
  name: 'sp_inbox_insert_batch',
  text: `INSERT INTO inbox (tenant_id, channel, dedupe_key, event_type, payload, raw, received_at)
  SELECT t, c, k, e, p, r, a FROM ROWS FROM (json_to_recordset($1::json)
    AS (t uuid, c varchar, k varchar, e varchar, p json, r text, a timestamptz)) WITH ORDINALITY AS u(t, c, k, e, p, r, a, n)
  ORDER BY n
  ON CONFLICT (tenant_id, channel, dedupe_key) DO NOTHING RETURNING id, tenant_id, channel, dedupe_key`,
}
const EXISTING: Statement = {
  name: 'sp_inbox_existing_batch',
  text: `SELECT id, tenant_id, channel, dedupe_key FROM inbox
  WHERE (tenant_id, channel, dedupe_key) IN (SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::varchar[]))`,
}

export const inboxKey = (r: { tenantId: string; channel: string; dedupeKey: string }) => `${r.tenantId}\u0000${r.channel}\u0000${r.dedupeKey}`
const rowKey = (r: KeyRow) => inboxKey({ tenantId: r.tenant_id, channel: r.channel, dedupeKey: r.dedupe_key })

/**
 * Store distinct platform messages with one INSERT … ON CONFLICT DO NOTHING (one statement, one commit) and,
 * only when some were already there, one SELECT of their ids. Keyed by inboxKey(). The statement is atomic:
 * if it fails, nothing of the batch is stored and the error reaches every caller.
 */
export async function storeInboxBatch(run: RunStatement, rows: NewInboxRow[]): Promise<Map<string, InboxInsert>> {
  const inserted = await run(INSERT, [JSON.stringify(rows.map((r) => ({
    t: r.tenantId, c: r.channel, k: r.dedupeKey, e: r.eventType, p: r.payload, r: r.raw, a: r.receivedAt.toISOString(),
  })))])
  const out = new Map<string, InboxInsert>()
  for (const r of inserted) out.set(rowKey(r), { id: String(r.id), inserted: true })
  const rest = rows.filter((r) => !out.has(inboxKey(r)))
  if (rest.length === 0) return out
  const existing = await run(EXISTING, [rest.map((r) => r.tenantId), rest.map((r) => r.channel), rest.map((r) => r.dedupeKey)])
  for (const r of existing) out.set(rowKey(r), { id: String(r.id), inserted: false })
  return out
}
