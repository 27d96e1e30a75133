// The load generator of bench:webhook: keep-alive HTTP/1.1 over loopback, pre-signed bodies, closed and open loops.
import { Agent, request } from 'node:http'

export type Callback = { search: string; body: string }

export function loadGenerator(callbacks: Callback[], concurrency: number) {
  let next = 0
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency })

  function post(port: number, path: string): Promise<number> {
    const cb = callbacks[next++ % callbacks.length]!
    const started = performance.now()
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: `${path}?${cb.search}`, method: 'POST', agent,
        headers: { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(cb.body) } }, (res) => {
        res.resume()
        res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`HTTP ${res.statusCode}`))))
      })
      req.on('error', reject)
      req.end(cb.body)
    })
  }

  /** `concurrency` clients, each posting again as soon as its answer arrives, for `ms`: the number answered. */
  async function closedLoop(port: number, path: string, ms: number): Promise<number> {
    const until = performance.now() + ms
    let done = 0
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        await post(port, path)
        done++
      }
    }))
    return done
  }

  /** Exactly `n` requests, `concurrency` at a time (for counting work per request rather than time). */
  async function counted(port: number, path: string, n: number): Promise<void> {
    let left = n
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (left-- > 0) await post(port, path)
    }))
  }

  /** Requests sent on a fixed schedule whatever the answers do (no coordinated omission): sorted latencies, ms. */
  async function openLoop(port: number, path: string, rate: number, seconds: number): Promise<number[]> {
    const latencies: number[] = []
    const inflight: Promise<void>[] = []
    const start = performance.now()
    for (let i = 0; i < rate * seconds; i++) {
      const wait = start + (i * 1000) / rate - performance.now()
      if (wait > 1) await new Promise((r) => setTimeout(r, wait))
      inflight.push(post(port, path).then((ms) => void latencies.push(ms)))
    }
    await Promise.all(inflight)
    return latencies.sort((a, b) => a - b)
  }

  return { closedLoop, counted, openLoop, close: () => agent.destroy() }
}

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
