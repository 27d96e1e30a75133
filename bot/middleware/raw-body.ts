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

/** The same, as bytes (uploads). Plain stream events: an async iterator costs the callback path measurably more. */
export function readRawBuffer(ctx: Context, limit: number): Promise<Buffer> {
  const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', { limit: `${limit} bytes` })
  const declared = Number(ctx.get('content-length') || NaN)
  if (declared > limit) return Promise.reject(tooLarge())
  const req = ctx.req
  if (req.readableEnded) return Promise.resolve(Buffer.alloc(0))
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const done = () => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) return void chunks.push(chunk)
      // Stop reading and close the connection once the 413 is out: the sender learns why instead of seeing a reset.
      done()
      req.pause()
      ctx.set('Connection', 'close')
      reject(tooLarge())
    }
    const onEnd = () => {
      done()
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size))
    }
    const onError = (e: Error) => {
      done()
      reject(e)
    }
    const onClose = () => onError(Object.assign(new Error('the request closed before its body was read'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }))
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose)
  })
}
