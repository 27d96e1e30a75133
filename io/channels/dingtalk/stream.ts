import { DWClient, TOPIC_ROBOT, type DWClientDownStream } from 'dingtalk-stream'
import type WebSocket from 'ws'
import type { ChannelEvent } from '../channel.js'
import { decodeDingtalkEvent, decodeRobotMessage } from './events.js'

// Stream mode (PLATFORMS §6.2) over the official SDK, with what it lacks: a watchdog on the time of the last
// frame (a socket can die without `close`, sdk#13), reconnect with capped exponential backoff (the SDK retries
// every second forever), a fresh connection on the server's `disconnect` frame, and an acknowledgement only
// after the event is durably stored — an unacknowledged push is redelivered (~60 s), and the inbox's unique
// key makes the redelivery a no-op.

export const GATEWAY_PATH = '/v1.0/gateway/connections/open'

/** Store the event (inbox insert + enqueue); resolve only once it is durable. A rejection leaves it unacked. */
export type StreamSink = (event: ChannelEvent, raw: string) => Promise<void>
export type StreamLog = { info(o: object, msg: string): void; warn(o: object, msg: string): void }

export type DingtalkStreamOptions = {
  appKey: string
  appSecret: string
  sink: StreamSink
  log: StreamLog
  /** The gateway host (`https://api.dingtalk.com` in production; the fake Stream endpoint in tests). */
  gatewayBase?: string
  /** Reconnect when no frame (ping, keepalive, data) arrived for this long. DingTalk pings every ~10–30 s. */
  watchdogMs?: number
  backoff?: { initialMs: number; maxMs: number }
  now?: () => number
}
export type DingtalkStream = { close(): Promise<void>; connections(): number; lastFrameAt(): number }

/** The SDK with its gateway URL made configurable; `socket` and `dw_url` are private in its typings. */
class GatewayClient extends DWClient {
  constructor(private readonly gatewayUrl: string, clientId: string, clientSecret: string, private readonly onFrame: (msg: DWClientDownStream) => void,
    private readonly onEventFrame: (msg: DWClientDownStream) => void) {
    super({ clientId, clientSecret, keepAlive: false })
    this.config.autoReconnect = false // reconnecting is ours, with backoff
  }
  override async getEndpoint(): Promise<this> {
    const res = await fetch(this.gatewayUrl, {
      method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ clientId: this.config.clientId, clientSecret: this.config.clientSecret, ua: 'salespath', subscriptions: this.config.subscriptions }),
      signal: AbortSignal.timeout(10_000),
    })
    const j = (await res.json()) as { endpoint?: string; ticket?: string }
    if (!res.ok || !j.endpoint || !j.ticket) throw new Error(`stream gateway HTTP ${res.status}`)
    ;(this as unknown as { dw_url: string }).dw_url = `${j.endpoint}?ticket=${encodeURIComponent(j.ticket)}`
    return this
  }
  ws(): WebSocket | undefined {
    return (this as unknown as { socket?: WebSocket }).socket
  }
  override onDownStream(data: string): void {
    try {
      this.onFrame(JSON.parse(String(data)) as DWClientDownStream)
    } catch { /* the SDK reports unparseable frames itself */ }
    super.onDownStream(data)
  }
  /** EVENT frames are acked by us after storing, not synchronously by the SDK. */
  override onEvent(message: DWClientDownStream): void {
    this.onEventFrame(message)
  }
}

export function startDingtalkStream(o: DingtalkStreamOptions): DingtalkStream {
  const now = o.now ?? Date.now
  const watchdogMs = o.watchdogMs ?? 90_000
  const { initialMs, maxMs } = o.backoff ?? { initialMs: 1_000, maxMs: 60_000 }
  let client: GatewayClient | undefined
  let lastFrame = now()
  let failures = 0
  let connections = 0
  let closed = false
  let timer: NodeJS.Timeout | undefined

  const ack = (c: GatewayClient, messageId: string, value: unknown) => c.send(messageId, value)
  const store = async (event: ChannelEvent, raw: string) => o.sink(event, raw)

  const onCallback = (c: GatewayClient) => async (msg: DWClientDownStream) => {
    const ev = decodeRobotMessage(msg.data)
    if (!ev.ok) {
      o.log.warn({ messageId: msg.headers.messageId, code: ev.error.code }, 'stream robot message refused')
      return c.socketCallBackResponse(msg.headers.messageId, {}) // malformed: redelivery cannot help
    }
    try {
      await store(ev.value, msg.data)
      c.socketCallBackResponse(msg.headers.messageId, {})
    } catch (e) {
      o.log.warn({ messageId: msg.headers.messageId, err: (e as Error).message }, 'stream message not stored; left for redelivery')
    }
  }
  const onEvent = (c: GatewayClient) => (msg: DWClientDownStream) => {
    const { eventType, eventId, eventCorpId } = msg.headers
    let data: Record<string, unknown> = {}
    try { data = JSON.parse(msg.data) as Record<string, unknown> } catch { /* an event without a JSON body is still an event */ }
    const plaintext = JSON.stringify({ EventType: eventType ?? 'unknown', eventId, ...(eventCorpId ? { CorpId: eventCorpId } : {}), ...data })
    const ev = decodeDingtalkEvent(plaintext, o.appKey, now())
    if (!ev.ok || ev.value === 'check_url') return ack(c, msg.headers.messageId, { status: 'SUCCESS' })
    store(ev.value, plaintext).then(
      () => ack(c, msg.headers.messageId, { status: 'SUCCESS' }),
      () => ack(c, msg.headers.messageId, { status: 'LATER' }),
    )
  }

  function schedule(reason: string) {
    if (closed) return
    const wait = Math.min(maxMs, initialMs * 2 ** failures)
    failures++
    o.log.info({ reason, waitMs: wait }, 'dingtalk stream reconnecting')
    clearTimeout(timer)
    timer = setTimeout(() => void connect(), wait)
  }

  async function connect() {
    if (closed) return
    const old = client
    const c = new GatewayClient(`${(o.gatewayBase ?? 'https://api.dingtalk.com').replace(/\/+$/, '')}${GATEWAY_PATH}`, o.appKey, o.appSecret, (frame) => {
      lastFrame = now()
      if (c === client) failures = 0
      if (frame.type === 'SYSTEM' && frame.headers.topic === 'disconnect' && c === client) void connect() // warm: new socket first
    }, (m) => onEvent(c)(m))
    c.registerCallbackListener(TOPIC_ROBOT, (m: DWClientDownStream) => void onCallback(c)(m))
    client = c
    try {
      await c.getEndpoint()
      await c._connect()
    } catch (e) {
      if (client === c) schedule(`connect failed: ${(e as Error).message}`)
      return
    }
    connections++
    lastFrame = now()
    c.ws()?.once('close', () => { if (client === c) schedule('socket closed') })
    if (old && old !== c) old.ws()?.terminate() // after the new one is up: no gap in which pushes go nowhere
  }

  const watchdog = setInterval(() => {
    if (!closed && client && now() - lastFrame > watchdogMs) {
      lastFrame = now()
      o.log.warn({ silentMs: watchdogMs }, 'dingtalk stream silent; reconnecting')
      void connect()
    }
  }, Math.max(50, Math.floor(watchdogMs / 4)))
  void connect()

  return {
    connections: () => connections,
    lastFrameAt: () => lastFrame,
    async close() {
      closed = true
      clearInterval(watchdog)
      clearTimeout(timer)
      client?.disconnect()
      client?.ws()?.terminate()
    },
  }
}
