import type { Context } from 'koa'
import { AppError } from '../../io/app-error.js'

/**
 * The exact bytes of the request, capped: signed callbacks must be verified over what was sent, and a
 * flood of bytes is refused (413) before it is buffered. Content-Length is checked first when present; a chunked
 * body is counted as it arrives.
 */
export async function readRawBody(ctx: Context, limit: number): Promise<string> {
  return (await readRawBuffer(ctx, limit)).toString('utf8')
}

const tooLarge = (limit: number) => new AppError('PAYLOAD_TOO_LARGE', { limit: `${limit} bytes` })

/**
 * The same, as bytes (uploads). Plain stream events: an async iterator costs the callback path measurably more.
 * The listeners are anonymous and stay attached once the body is settled (the request is done with by then):
 * removing four listeners, and naming four closures (tsx's keepNames defines a `name` on each), was ~2 % of a
 * callback's CPU.
 */
export function readRawBuffer(ctx: Context, limit: number): Promise<Buffer> {
  const declared = Number(ctx.get('content-length') || NaN)
  if (declared > limit) return Promise.reject(tooLarge(limit))
  const req = ctx.req
  if (req.readableEnded) return Promise.resolve(Buffer.alloc(0))
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let settled = false
    req.on('data', (chunk: Buffer) => {
      if (settled) return
      size += chunk.length
      if (size <= limit) return void chunks.push(chunk)
      // Stop reading and close the connection once the 413 is out: the sender learns why instead of seeing a reset.
      settled = true
      req.pause()
      ctx.set('Connection', 'close')
      reject(tooLarge(limit))
    }).on('end', () => {
      if (settled) return
      settled = true
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size))
    }).on('error', (e: Error) => {
      if (settled) return
      settled = true
      reject(e)
    }).on('close', () => {
      if (settled) return
      settled = true
      reject(Object.assign(new Error('the request closed before its body was read'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }))
    })
  })
}
