import type Router from '@koa/router'
import { z } from 'zod'
import { AppError } from '../../io/app-error.js'
import type { Attachment } from '../../io/db/entities/attachment.entity.js'
import { storeAttachment } from '../../io/storage/attachments.js'
import { readMultipart } from '../middleware/multipart.js'
import { sessionOf, type Session, type SessionState } from '../middleware/session.js'
import { apiRouter, parseOr400, readJson, type SidebarDeps } from './sidebar-api.route.js'

/** Quote images and visit photos; larger files are refused before they are buffered. */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
const Meta = z.object({ clientId: z.string().min(1).max(64), purpose: z.enum(['quote', 'visit_photo']) })
const FromMedia = Meta.extend({ mediaId: z.string().min(1).max(256) })


/** A WeCom media id (uploadImage) fetched with media/get and stored by content hash. */
export async function attachmentFromMedia(d: SidebarDeps, s: Session, mediaId: string): Promise<Attachment> {
  const client = await d.channels.wecom(s.tenantId)
  const media = await client.getMedia(mediaId)
  if (media.data.length > ATTACHMENT_MAX_BYTES) throw new AppError('IMAGE_TOO_LARGE', { detail: `${media.data.length} bytes` })
  return storeAttachment(d.db.manager, d.settings.STORAGE_DIR, { tenantId: s.tenantId, data: media.data, mime: media.contentType, source: 'wecom_media' })
}

/** POST /api/attachments: a file from the page (multipart) or a WeCom media id (JSON). */
export function attachmentRoutes(d: SidebarDeps): Router<SessionState> {
  const r = apiRouter(d)
  r.post('/attachments', async (ctx) => {
    const s = sessionOf(ctx)
    let att: Attachment
    if (ctx.is('multipart/form-data')) {
      const form = await readMultipart(ctx, ATTACHMENT_MAX_BYTES)
      parseOr400(Meta, { clientId: form.fields.clientId, purpose: form.fields.purpose })
      const file = form.files.find((f) => f.field === 'file')
      if (!file || file.data.length === 0) throw new AppError('BAD_REQUEST', { detail: 'file: required' })
      att = await storeAttachment(d.db.manager, d.settings.STORAGE_DIR, { tenantId: s.tenantId, data: file.data,
        mime: file.contentType.slice(0, 100), source: 'sidebar_upload' })
    } else {
      const body = await readJson(ctx, FromMedia)
      att = await attachmentFromMedia(d, s, body.mediaId)
    }
    ctx.status = 201
    ctx.body = { id: att.id, sha256: att.sha256 }
  })
  return r
}
