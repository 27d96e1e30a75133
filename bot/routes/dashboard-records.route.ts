import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type Router from '@koa/router'
import { AppError } from '../../io/app-error.js'
import { auditHash } from '../../io/db/audit.repo.js'
import { attachmentOwners, canSee, nodeRunRecord, scopeOf, type RunRecord } from '../../io/db/dashboard.repo.js'
import { Attachment } from '../../io/db/entities/attachment.entity.js'
import { isUuid } from '../middleware/authorize.js'
import { sessionOf, type Session, type SessionState } from '../middleware/session.js'
import type { DashboardDeps } from './dashboard.route.js'
import { apiRouter, iso } from './sidebar-api.route.js'

export const attachmentUrl = (id: string | null): string | null => (id ? `/api/dashboard/attachments/${id}` : null)

/** The raw records of one run as the page shows them; each audit entry says whether its own hash still holds. */
export function recordJson(tenantId: string, r: RunRecord) {
  return {
    run: { ...r.run, enteredAt: iso(r.run.enteredAt), dueAt: iso(r.run.dueAt), doneAt: iso(r.run.doneAt) },
    deliverables: r.deliverables.map((x) => ({ ...x, arrivedAt: iso(x.arrivedAt), url: attachmentUrl(x.attachmentId) })),
    quotes: r.quotes.map((q) => ({ ...q, createdAt: iso(q.createdAt), confirmedAt: iso(q.confirmedAt), url: attachmentUrl(q.attachmentId) })),
    activities: r.activities.map((a) => {
      const photo = typeof a.data.photoAttachmentId === 'string' ? a.data.photoAttachmentId : null
      return { ...a, occurredAt: iso(a.occurredAt), deviceAt: iso(a.deviceAt), receivedAt: iso(a.receivedAt), photoUrl: attachmentUrl(photo) }
    }),
    audit: r.audit.map((e) => ({ ...e, at: iso(e.at),
      intact: auditHash(e.prevHash, { tenantId, seq: e.seq, at: e.at, actor: e.actor, entity: e.entity, entityId: e.entityId, action: e.action, data: e.data }) === e.hash })),
  }
}

/** The run's records, if the caller may see its owner (404 for another tenant's run, 403 outside the caller's scope). */
export async function loadRecord(d: DashboardDeps, s: Session, id: string, now = new Date()): Promise<RunRecord> {
  const rec = isUuid(id) ? await nodeRunRecord(d.db.manager, s.tenantId, id, now) : null
  if (!rec) throw new AppError('NOT_FOUND', { what: `node run ${id}` })
  if (!canSee(await scopeOf(d.db.manager, s.tenantId, s.memberId), rec.run.ownerId)) throw new AppError('FORBIDDEN')
  return rec
}

/** GET /api/dashboard/node-runs/:id and the evidence files it links to, served only to members who may see them. */
export function dashboardRecordRoutes(d: DashboardDeps): Router<SessionState> {
  const r = apiRouter(d)
  r.get('/dashboard/node-runs/:id', async (ctx) => {
    const s = sessionOf(ctx)
    ctx.body = recordJson(s.tenantId, await loadRecord(d, s, ctx.params.id ?? ''))
  })
  r.get('/dashboard/attachments/:id', async (ctx) => {
    const s = sessionOf(ctx)
    const id = ctx.params.id ?? ''
    const att = isUuid(id) ? await d.db.manager.findOneBy(Attachment, { tenantId: s.tenantId, id }) : null
    if (!att) throw new AppError('NOT_FOUND', { what: `attachment ${id}` })
    const scope = await scopeOf(d.db.manager, s.tenantId, s.memberId)
    const owners = await attachmentOwners(d.db.manager, s.tenantId, att.id)
    if (!owners.some((o) => canSee(scope, o))) throw new AppError('FORBIDDEN')
    ctx.type = att.mime
    // Content-addressed: the bytes behind an id never change, but they are personal data, so only private caches keep them.
    ctx.set('Cache-Control', 'private, max-age=86400, immutable')
    ctx.body = await readFile(join(d.settings.STORAGE_DIR, att.storagePath))
  })
  return r
}
