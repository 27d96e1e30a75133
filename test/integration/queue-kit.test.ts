import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { expectEventually } from '../setup/expect-eventually.js'
import { TEST_REDIS_URL } from '../setup/env.js'

describe('QueueKit', () => {
  it('lets the process end once closed: no Redis connection of its workers is left open', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/integration/fixtures/queue-kit-child.ts'], {
      env: { ...process.env, TEST_REDIS_URL }, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (b: Buffer) => { output += b.toString() })
    child.stderr.on('data', (b: Buffer) => { output += b.toString() })
    let code: number | null = null
    child.on('exit', (c) => { code = c })
    try {
      await expectEventually(() => expect(output).toContain('closed'), 30_000, 100)
      // Closed: with nothing left open the event loop empties and the process exits on its own, promptly.
      await expectEventually(() => expect(code).toBe(0), 5_000, 50)
    } finally {
      child.kill('SIGKILL')
    }
  })
})
