import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'

// DingTalk's Stream gateway on loopback (PLATFORMS §6.2): POST /v1.0/gateway/connections/open hands out a ticket,
// the WebSocket pushes SYSTEM pings and EVENT/CALLBACK frames, and every push not acknowledged is redelivered
// (DingTalk: ~60 s; here `redeliverMs`) on whatever connection is current.

export type FakeStreamOptions = { appKey: string; appSecret: string; redeliverMs?: number; pingMs?: number }
type Frame = { specVersion: string; type: 'SYSTEM' | 'EVENT' | 'CALLBACK'; headers: Record<string, string>; data: string }

export type FakeStream = {
  /** Gateway base URL (pass as gatewayBase). */
  url: string
  /** Connections opened so far. */
  connections(): number
  /** messageId → how many times it was sent. */
  deliveries: Map<string, number>
  /** messageIds the client acknowledged, in order (an id can appear once per ack). */
  acks: string[]
  pushRobot(data: Record<string, unknown>): string
  pushEvent(eventType: string, eventId: string, data: Record<string, unknown>): string
  /** Close the live socket (TCP close, as a network drop). */
  killSocket(): void
  /** Keep the live socket open but send nothing on it any more (the silent death of sdk#13). */
  silence(): void
  /** The server's SYSTEM `disconnect` frame, sent before it drops a connection. */
  sendDisconnect(): void
  close(): Promise<void>
}

export async function startFakeStream(o: FakeStreamOptions): Promise<FakeStream> {
  const tickets = new Set<string>()
  const pending = new Map<string, Frame>()
  const deliveries = new Map<string, number>()
  const acks: string[] = []
  const silent = new WeakSet<WebSocket>()
  let current: WebSocket | undefined
  let opened = 0
  const http = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      let body: { clientId?: string; clientSecret?: string } = {}
      try { body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body } catch { /* empty */ }
      if (req.method !== 'POST' || req.url !== '/v1.0/gateway/connections/open') { res.writeHead(404); return void res.end('{}') }
      if (body.clientId !== o.appKey || body.clientSecret !== o.appSecret) { res.writeHead(401, { 'content-type': 'application/json' }); return void res.end('{"code":"InvalidAuthentication"}') }
      const ticket = randomUUID()
      tickets.add(ticket)
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ endpoint: `ws://127.0.0.1:${(http.address() as AddressInfo).port}/connect`, ticket }))
    })
  })
  const wss = new WebSocketServer({ noServer: true })
  http.on('upgrade', (req, socket, head) => {
    const ticket = new URL(req.url ?? '/', 'http://x').searchParams.get('ticket') ?? ''
    if (!tickets.delete(ticket)) return void socket.destroy()
    wss.handleUpgrade(req, socket, head, (ws) => {
      opened++
      current = ws
      ws.on('message', (raw) => {
        const m = JSON.parse(String(raw)) as { code?: number; headers?: { messageId?: string } }
        const id = m.headers?.messageId
        if (m.code === 200 && id && pending.has(id)) { pending.delete(id); acks.push(id) }
      })
      send(ws, { specVersion: '1.0', type: 'SYSTEM', headers: { topic: 'REGISTERED', messageId: randomUUID() }, data: '{}' })
      for (const f of pending.values()) deliver(f)
    })
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))

  function send(ws: WebSocket, f: Frame) {
    if (ws.readyState === ws.OPEN && !silent.has(ws)) ws.send(JSON.stringify(f))
  }
  function deliver(f: Frame) {
    if (!current || current.readyState !== current.OPEN || silent.has(current)) return
    deliveries.set(f.headers.messageId!, (deliveries.get(f.headers.messageId!) ?? 0) + 1)
    send(current, f)
  }
  const push = (f: Frame) => { pending.set(f.headers.messageId!, f); deliver(f); return f.headers.messageId! }
  const ping = setInterval(() => { if (current) send(current, { specVersion: '1.0', type: 'SYSTEM', headers: { topic: 'ping', messageId: randomUUID() }, data: '{"opaque":"x"}' }) }, o.pingMs ?? 100)
  const redeliver = setInterval(() => { for (const f of pending.values()) deliver(f) }, o.redeliverMs ?? 500)
  const headers = (topic: string, extra: Record<string, string> = {}) =>
    ({ appId: o.appKey, connectionId: 'c1', contentType: 'application/json', messageId: randomUUID(), time: String(Date.now()), topic, ...extra })

  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    connections: () => opened,
    deliveries,
    acks,
    pushRobot: (data) => push({ specVersion: '1.0', type: 'CALLBACK', headers: headers('/v1.0/im/bot/messages/get'), data: JSON.stringify(data) }),
    pushEvent: (eventType, eventId, data) => push({ specVersion: '1.0', type: 'EVENT',
      headers: headers('*', { eventType, eventId, eventBornTime: String(Date.now()), eventCorpId: 'dingcorp' }), data: JSON.stringify(data) }),
    killSocket: () => current?.terminate(),
    silence: () => { if (current) silent.add(current) },
    sendDisconnect: () => { if (current) send(current, { specVersion: '1.0', type: 'SYSTEM', headers: headers('disconnect'), data: '{"reason":"server upgrade"}' }) },
    close: async () => {
      clearInterval(ping)
      clearInterval(redeliver)
      for (const c of wss.clients) c.terminate()
      await new Promise<void>((resolve) => { wss.close(); http.closeAllConnections(); http.close(() => resolve()) })
    },
  }
}
