// The server side of bench:webhook and bench:webhook-instructions: a fresh database, then bench/webhook/server.ts in a
// child process (optionally under a wrapper such as valgrind), and the signed callbacks the load generator sends.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { buildSignedCallback, renderInboundXml } from '../../io/channels/wecom/callback-builder.js'
import type { Callback } from './load.js'

const ADMIN = process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://salespath:salespath@127.0.0.1:5432/postgres'
const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const cfg = { token: 'bench-token', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', corpId: 'wwbenchcorp' }

export type BenchServer = { child: ChildProcess; ports: { bare: number; full: number }; dbName: string; dbUrl: string; stop: () => Promise<void> }

/** `wrap`: a command and its arguments to run node under; `nodeFlags`: flags for node itself. */
export async function startBenchServer(o: { wrap?: string[]; nodeFlags?: string[]; stopSignal?: NodeJS.Signals } = {}): Promise<BenchServer> {
  const dbName = `sp_bench_${randomUUID().slice(0, 8)}`
  const admin = new pg.Client({ connectionString: ADMIN })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${dbName}`)
  const dbUrl = Object.assign(new URL(ADMIN), { pathname: `/${dbName}` }).toString()
  const [command, ...args] = [...(o.wrap ?? []), process.execPath, ...(o.nodeFlags ?? []), '--import', 'tsx', 'bench/webhook/server.ts']
  const child = spawn(command!, args, {
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: dbUrl, REDIS_URL: REDIS, SESSION_SECRET: 'b'.repeat(40),
      QUEUE_PREFIX: `bench-${randomUUID()}`, WECOM_ENABLED: 'true', WECOM_CORP_ID: cfg.corpId, WECOM_AGENT_ID: '1000002',
      WECOM_SECRET: 'x', WECOM_TOKEN: cfg.token, WECOM_AES_KEY: cfg.encodingAesKey },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const ports = await new Promise<{ bare: number; full: number }>((resolve, reject) => {
    let out = ''
    child.once('exit', (code) => reject(new Error(`the bench server exited (${code}) before listening`)))
    child.stdout!.on('data', (d) => {
      out += String(d)
      const line = /^\{"bare":\d+,"full":\d+\}$/m.exec(out)
      if (line) resolve(JSON.parse(line[0]))
    })
  })
  const stop = async () => {
    child.kill(o.stopSignal ?? 'SIGKILL')
    await new Promise((r) => setTimeout(r, 300))
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
    await admin.end()
  }
  return { child, ports, dbName, dbUrl, stop }
}

/** `n` distinct text callbacks (a new MsgId each), signed and encrypted outside the timed loops. */
export function signedCallbacks(n: number): Callback[] {
  let msgId = 4_000_000_000_000_000_000n
  return Array.from({ length: n }, () => {
    msgId += 1n
    const xml = renderInboundXml({ type: 'text', from: 'lina', content: '今日', msgId: String(msgId) }, { corpId: cfg.corpId, createTime: 1795766400 })
    return buildSignedCallback(cfg, xml, { agentId: '1000002' })
  })
}
