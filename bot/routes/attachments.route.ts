import type Router from '@koa/router'
import { z } from 'zod'
import { AppError } from '../../io/app-error.js'
import type { Attachment } from '../../io/db/entities/attachment.entity.js'
import { storeAttachment } from '../../io/storage/attachments.js'
import { readRawBuffer } from '../middleware/raw-body.js'
import { sessionOf, type Session, type SessionState } from '../middleware/session.js'
import { apiRouter, parseOr400, readJson, type SidebarDeps } from './sidebar-api.route.js'

/** Quote images and visit photos; larger files are refused before they are buffered. */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
const Meta = z.object({ clientId: z.string().min(1).max(64), purpose: z.enum(['quote', 'visit_photo']) })
const FromMedia = Meta.extend({ mediaId: z.string().min(1).max(256) })

export type Part = { name: string; fileName?: string; contentType: string; data: Buffer }

/** multipart/form-data split into its parts (RFC 7578); enough for a form with a few fields and one file. */
export function parseMultipart(body: Buffer, contentType: string): Part[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType)
  const b = boundary?.[1] ?? boundary?.[2]
  if (!b) throw new AppError('BAD_REQUEST', { detail: 'multipart boundary missing' })
  const delimiter = Buffer.from(`\r\n--${b}`)
  const parts: Part[] = []
  let at = body.indexOf(`--${b}`)
  if (at === -1) return parts
  at += b.length + 2
  while (at < body.length && body.subarray(at, at + 2).toString() !== '--') {
    const next = body.indexOf(delimiter, at)
    if (next === -1) break
    const part = body.subarray(at + 2, next) // after the CRLF that ends the delimiter line
    const headerEnd = part.indexOf('\r\n\r\n')
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString('utf8')
      const name = /name="([^"]*)"/i.exec(headers)?.[1]
      const fileName = /filename="([^"]*)"/i.exec(headers)?.[1]
      if (name) parts.push({ name, ...(fileName !== undefined ? { fileName } : {}), data: Buffer.from(part.subarray(headerEnd + 4)),
        contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim() ?? 'text/plain' })
    }
    at = next + delimiter.length
  }
  return parts
}

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
      const parts = parseMultipart(await readRawBuffer(ctx, ATTACHMENT_MAX_BYTES + 64 * 1024), ctx.get('content-type'))
      const field = (n: string) => parts.find((p) => p.name === n && p.fileName === undefined)?.data.toString('utf8')
      parseOr400(Meta, { clientId: field('clientId'), purpose: field('purpose') })
      const file = parts.find((p) => p.name === 'file' && p.fileName !== undefined)
      if (!file || file.data.length === 0) throw new AppError('BAD_REQUEST', { detail: 'file: required' })
      if (file.data.length > ATTACHMENT_MAX_BYTES) throw new AppError('IMAGE_TOO_LARGE', { detail: `${file.data.length} bytes` })
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
