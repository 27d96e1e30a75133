import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import request from 'supertest'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { expectEventually } from '../setup/expect-eventually.js'

/** The demo's environment on a fresh machine: nothing configured but a free port and a data folder. */
function demoEnv(dataDir: string): NodeJS.ProcessEnv {
  const { DATABASE_URL: _d, REDIS_URL: _r, ...rest } = process.env
  return { ...rest, DEMO_DATA_DIR: dataDir, STORAGE_DIR: join(dataDir, '..', 'attachments'), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' }
}

function startDemo(dataDir: string): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], { env: demoEnv(dataDir), stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (out += d))
  return { child, output: () => out }
}

const exitOf = (c: ChildProcess) => new Promise<number | null>((r) => c.once('exit', (code) => r(code)))

describe('npm run demo with no DATABASE_URL or REDIS_URL', () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'salespath-demo-')), 'pg')
  let first: ReturnType<typeof startDemo> | undefined
  // A test that failed half-way must not leave its demo holding the data folder for the next one.
  afterEach(async () => {
    if (first && first.child.exitCode === null && first.child.signalCode === null) {
      const gone = exitOf(first.child)
      first.child.kill('SIGKILL')
      await gone
    }
  })
  afterAll(() => rmSync(join(dataDir, '..'), { recursive: true, force: true }))

  // The deadline only bounds a hung start; how fast a cold start is belongs to the README's figures, not to a test.
  it('boots on embedded PostgreSQL with the seeded history, answers /readyz, and refuses a second demo on the same data', async () => {
    first = startDemo(dataDir)
    const readyUrl = await expectEventually(() => {
      const m = /ready:\s+(http:\/\/\S+\/readyz)/.exec(first!.output())
      if (!m) throw new Error(`demo not up yet:\n${first!.output()}`)
      return m[1]!
    }, 150_000, 200)
    const res = await request(readyUrl).get('').expect(200)
    expect(res.body.checks).toEqual({ database: 'ok', queue: 'ok' })
    // The same seed as `npm run seed:demo`: today's twenty opportunities and the months of history behind them.
    const seeded = /created in [\d.]+ s \(8 members, 20 customers, (\d+) opportunities, 4 months of history\)/.exec(first.output())
    expect(first.output()).toMatch(/embedded PostgreSQL/)
    expect(Number(seeded?.[1])).toBeGreaterThan(60)

    const second = startDemo(dataDir)
    expect(await exitOf(second.child)).toBe(2)
    expect(second.output()).toMatch(/正被进程 \d+ 使用[\s\S]*in use by process \d+/)
    await request(readyUrl).get('').expect(200) // the first one is untouched

    const exited = exitOf(first.child)
    first.child.kill('SIGTERM')
    expect(await exited).toBe(0)
  }, 240_000)

  it('starts again on the data it left, keeping the demo tenant', async () => {
    first = startDemo(dataDir)
    await expectEventually(() => {
      expect(first!.output()).toMatch(/demo tenant: already present/)
    }, 150_000, 200)
    const exited = exitOf(first.child)
    first.child.kill('SIGTERM')
    expect(await exited).toBe(0)
  }, 240_000)
})
