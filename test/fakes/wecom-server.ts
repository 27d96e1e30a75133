import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { renderSentMessagesHtml } from './wecom-fake-page.js'
import { FakeWecomState, type FakeWecomOptions, type Failure, type Reply } from './wecom-fake-state.js'

export type { FakeCall, FakeDepartment, FakeExternalContact, FakeMedia, FakeUser, FakeWecomOptions, SentMessage } from './wecom-fake-state.js'
export { renderSentMessagesHtml }

// A faithful stand-in for qyapi.weixin.qq.com on loopback (PLATFORMS §3): same paths, same errcodes, JSON on
// HTTP 200 for API errors, binary for media. Integration tests and the demo talk to it over real HTTP.

export type FakeWecom = {
  /** Base URL to pass as the client's baseUrl; GET `${url}/` shows the sent messages as a page. */
  url: string
  close(): Promise<void>
  /** Every accepted message/send body, in order (duplicate-checked ones flagged). */
  sent: FakeWecomState['sent']
  calls: FakeWecomState['calls']
  cardUpdates: FakeWecomState['cardUpdates']
  /** Fail the next `times` calls to `path` (e.g. 'message/send') with a WeCom errcode or an HTTP status. */
  injectError(path: string, failure: number | Failure, times?: number): void
  setUsers: FakeWecomState['setUsers']
  setDepartments: FakeWecomState['setDepartments']
  setExternalContacts: FakeWecomState['setExternalContacts']
  setMedia: FakeWecomState['setMedia']
  /** Every access_token issued so far now answers 42001, as when WeCom expires a token early. */
  expireToken(): void
  /** gettoken calls that returned a token. */
  tokensIssued(): number
  reset(): void
}

const MAX_BODY = 25 * 1024 * 1024

/** `port` 0 (default) picks a free port; tests always use 0. */
export async function startFakeWecom(opts: FakeWecomOptions & { port?: number }): Promise<FakeWecom> {
  const state = new FakeWecomState(opts)
  const server = createServer((req, res) => {
    // The demo links here: what reps and managers would have received (GET /, or /sent.json for scripts).
    if (req.method === 'GET' && (req.url === '/' || req.url === '/sent')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      return void res.end(renderSentMessagesHtml(state.sent))
    }
    if (req.method === 'GET' && req.url === '/sent.json') return write(res, { status: 200, json: state.sent })
    readBody(req)
      .then((body) => write(res, state.handle(req.method ?? 'GET', new URL(req.url ?? '/', 'http://fake'), body, req.headers['content-type'] ?? '')))
      .catch(() => write(res, { status: 400, json: { errcode: 40058, errmsg: 'bad request body' } }))
  })
  server.keepAliveTimeout = 1_000
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()) }),
    sent: state.sent,
    calls: state.calls,
    cardUpdates: state.cardUpdates,
    injectError: (path, failure, times = 1) => state.injectError(path, typeof failure === 'number' ? asFailure(failure) : failure, times),
    setUsers: (u) => state.setUsers(u),
    setDepartments: (d) => state.setDepartments(d),
    setExternalContacts: (c) => state.setExternalContacts(c),
    setMedia: (id, m) => state.setMedia(id, m),
    expireToken: () => state.expireTokens(),
    tokensIssued: () => state.tokensIssued,
    reset: () => state.reset(),
  }
}

/** 100–599 is an HTTP status; anything else (-1, 42001, 45009…) a WeCom errcode. */
const asFailure = (n: number): Failure => (n >= 100 && n <= 599 ? { httpStatus: n } : { errcode: n })

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) reject(new Error('too large'))
      else chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function write(res: ServerResponse, reply: Reply): void {
  if ('binary' in reply) {
    res.writeHead(200, { 'content-type': reply.contentType, 'content-length': reply.binary.length, 'content-disposition': `attachment; filename="${reply.fileName}"` })
    res.end(reply.binary)
    return
  }
  const body = reply.json === undefined ? 'Service Unavailable' : JSON.stringify(reply.json)
  res.writeHead(reply.status, { 'content-type': reply.json === undefined ? 'text/plain' : 'application/json; charset=UTF-8' })
  res.end(body)
}
