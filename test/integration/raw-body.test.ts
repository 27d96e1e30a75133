import Koa from 'koa'
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readRawBody } from '../../bot/middleware/raw-body.js'
import { errorBoundary } from '../../bot/middleware/error-boundary.js'

// The exact bytes of a request over real HTTP: sent with its headers, arriving in pieces after
// the handler started, chunked, empty, and over the cap (413 whichever way it arrived).
const LIMIT = 1_000
let server: Server
let port: number
/** Resolved when the handler is about to read the body: the test sends the rest of it only then. */
let handlerStarted: () => void = () => {}

beforeAll(async () => {
  const app = new Koa()
  app.use(errorBoundary())
  app.use(async (ctx) => {
    handlerStarted()
    ctx.body = { got: await readRawBody(ctx, LIMIT) }
  })
  server = createServer(app.callback())
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

type Answer = { status: number; json: { got?: string; error?: { code: string } } }
function post(parts: string[], o: { chunked?: boolean; waitForHandler?: boolean } = {}): Promise<Answer> {
  const total = Buffer.byteLength(parts.join(''))
  const headers = o.chunked ? { 'content-type': 'text/plain' } : { 'content-type': 'text/plain', 'content-length': total }
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers }, (res) => {
      let body = ''
      res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(body) }))
    })
    req.on('error', reject)
    const [first = '', ...rest] = parts
    if (!o.waitForHandler) return void req.end(parts.join(''))
    handlerStarted = () => {
      handlerStarted = () => {}
      setImmediate(() => req.end(rest.join('')))
    }
    req.flushHeaders()
    req.write(first)
  })
}

describe('readRawBody', () => {
  it('returns a body that arrived with its headers byte for byte, multi-byte characters included', async () => {
    const text = '<xml><Content><![CDATA[今日 报价 ¥1,280.50]]></Content></xml>'
    expect(await post([text])).toEqual({ status: 200, json: { got: text } })
  })

  it('waits for the rest of a body that was still arriving when the handler began', async () => {
    const parts = ['<xml><A>前半', '</A><B>后半</B></xml>']
    expect(await post(parts, { waitForHandler: true })).toEqual({ status: 200, json: { got: parts.join('') } })
  })

  it('reads a chunked body (no Content-Length) and an empty one', async () => {
    expect(await post(['x'.repeat(LIMIT)], { chunked: true })).toEqual({ status: 200, json: { got: 'x'.repeat(LIMIT) } })
    expect(await post([''])).toEqual({ status: 200, json: { got: '' } })
  })

  it('refuses with 413 a body over the cap, declared, chunked and complete, or growing after the handler began', async () => {
    const over = 'y'.repeat(LIMIT + 1)
    for (const answer of [await post([over]), await post([over], { chunked: true }), await post(['y', over], { chunked: true, waitForHandler: true })]) {
      expect(answer.status).toBe(413)
      expect(answer.json.error?.code).toBe('PAYLOAD_TOO_LARGE')
    }
  })
})
