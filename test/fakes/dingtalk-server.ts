import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { FakeDingState, type FakeDingOptions } from './dingtalk-fake-state.js'

export type { FakeDingDepartment, FakeDingOptions, FakeDingUser, WorkNotice } from './dingtalk-fake-state.js'

// DingTalk's oapi and v1.0 hosts on loopback, over real HTTP: point DINGTALK_API_BASE here.

export type FakeDingtalk = {
  url: string
  state: FakeDingState
  close(): Promise<void>
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = []
  for await (const c of req as AsyncIterable<Buffer>) chunks.push(c)
  const text = Buffer.concat(chunks).toString('utf8')
  return text ? (JSON.parse(text) as Record<string, unknown>) : {}
}

export async function startFakeDingtalk(opts: FakeDingOptions & { now?: () => number }): Promise<FakeDingtalk> {
  const state = new FakeDingState(opts, opts.now)
  let base = ''
  const server = createServer((req, res) => {
    readJson(req)
      .then((body) => {
        const r = state.handle(req.method ?? 'GET', new URL(req.url ?? '/', 'http://fake'), body, req.headers, base)
        if (r.bytes) {
          res.writeHead(r.status, { 'content-type': r.bytes.contentType })
          return void res.end(r.bytes.data)
        }
        res.writeHead(r.status, { 'content-type': 'application/json;charset=utf-8' })
        res.end(JSON.stringify(r.json ?? {}))
      })
      .catch(() => { res.writeHead(400, { 'content-type': 'application/json' }); res.end('{"errcode":40035,"errmsg":"bad body"}') })
  })
  server.keepAliveTimeout = 1_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: base, state,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()) }),
  }
}
