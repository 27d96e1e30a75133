import type { Context } from 'koa'
import { AppError } from '../../io/app-error.js'

/**
 * The exact bytes of the request, capped: signed callbacks must be verified over what was sent, and a
 * flood of bytes is refused (413) before it is buffered. Content-Length is checked first when present.
 */
export async function readRawBody(ctx: Context, limit: number): Promise<string> {
  return (await readRawBuffer(ctx, limit)).toString('utf8')
}

/** The same, as bytes (uploads). */
export async function readRawBuffer(ctx: Context, limit: number): Promise<Buffer> {
  const declared = Number(ctx.get('content-length') || NaN)
  if (declared > limit) throw new AppError('PAYLOAD_TOO_LARGE', { limit: `${limit} bytes` })
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) {
      ctx.req.destroy()
      throw new AppError('PAYLOAD_TOO_LARGE', { limit: `${limit} bytes` })
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}
