import busboy from 'busboy'
import type { Context } from 'koa'
import { AppError } from '../../io/app-error.js'

export type UploadedFile = { field: string; fileName: string; contentType: string; data: Buffer }
export type Multipart = { fields: Record<string, string>; files: UploadedFile[] }

/**
 * A multipart/form-data request (RFC 7578) parsed by busboy as it streams in: a file past `maxFileBytes` is
 * refused (413) without buffering the rest, and field and part counts are capped.
 */
export function readMultipart(ctx: Context, maxFileBytes: number): Promise<Multipart> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy
    try {
      bb = busboy({ headers: ctx.req.headers, limits: { fileSize: maxFileBytes, files: 2, fields: 20, fieldSize: 64 * 1024 } })
    } catch {
      reject(new AppError('BAD_REQUEST', { detail: 'multipart boundary missing' }))
      return
    }
    const out: Multipart = { fields: {}, files: [] }
    let failed: AppError | null = null
    bb.on('field', (name, value) => (out.fields[name] = value))
    bb.on('file', (field, stream, info) => {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('limit', () => (failed = new AppError('IMAGE_TOO_LARGE', { detail: `> ${maxFileBytes} bytes` })))
      stream.on('close', () => out.files.push({ field, fileName: info.filename ?? '', contentType: info.mimeType, data: Buffer.concat(chunks) }))
    })
    bb.on('error', () => reject(new AppError('BAD_REQUEST', { detail: 'malformed multipart body' })))
    bb.on('close', () => (failed ? reject(failed) : resolve(out)))
    ctx.req.pipe(bb)
  })
}
