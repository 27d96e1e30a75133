/**
 * npm run bench:webhook-instructions — the same two paths as bench:webhook (a signed, encrypted WeCom text callback
 * through verify → decrypt → parse → inbox → enqueue, and a bare Koa handler), counted in machine instructions
 * instead of seconds: each side runs in a server under valgrind's callgrind, warms its JIT on WARM requests, then
 * counts N. Instructions do not follow the VM's speed, but they do follow timing a little (how many callbacks share an
 * INSERT or a queue add, when the JIT finishes): compare two versions of the path in runs side by side, under the same
 * conditions, not against a figure from another day. bench:webhook's ratio moves with the machine far more.
 * Slow: ~6 minutes a side. Needs valgrind, PostgreSQL and Redis.
 * Prints thousands of instructions per request for each side and their ratio (bare ÷ full).
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadGenerator } from './webhook/load.js'
import { signedCallbacks, startBenchServer } from './webhook/server-process.js'

const WARM = Number(process.env.BENCH_WARM ?? 6000)
const N = Number(process.env.BENCH_N ?? 4000)

try {
  execFileSync('valgrind', ['--version'], { stdio: 'ignore' })
} catch {
  console.log('valgrind is not installed (apt-get install valgrind): nothing measured')
  process.exit(0)
}

/** Instructions per request on one side: callgrind's counters are zeroed after the warm-up and dumped after N. */
async function count(side: 'bare' | 'full'): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'sp-callgrind-'))
  const server = await startBenchServer({
    wrap: ['valgrind', '-q', '--tool=callgrind', '--smc-check=all-non-file', `--callgrind-out-file=${dir}/cg.%p`],
    nodeFlags: ['--single-threaded-gc'],
  })
  const load = loadGenerator(signedCallbacks(WARM + N), 64)
  try {
    const [port, path] = side === 'bare' ? [server.ports.bare, '/'] : [server.ports.full, '/wecom/callback']
    await load.counted(port, path, WARM)
    execFileSync('callgrind_control', ['--zero', String(server.child.pid)], { stdio: 'ignore' })
    await load.counted(port, path, N)
    execFileSync('callgrind_control', ['--dump', String(server.child.pid)], { stdio: 'ignore' })
    const dump = readdirSync(dir).find((f) => /^cg\.\d+\.1$/.test(f))
    const total = dump && /^(?:summary|totals): (\d+)/m.exec(readFileSync(join(dir, dump), 'utf8'))
    if (!total) throw new Error(`no callgrind dump in ${dir}`)
    return Number(total[1]) / N
  } finally {
    load.close()
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

// BENCH_SIDES=full counts the callback path alone (half the time), e.g. to compare two versions of it.
const sides = (process.env.BENCH_SIDES ?? 'bare,full').split(',')
const k = (x: number) => `${(x / 1000).toFixed(1)} k`
const bare = sides.includes('bare') ? await count('bare') : undefined
if (bare) console.log(`bare Koa:        ${k(bare)} instructions/request`)
const full = sides.includes('full') ? await count('full') : undefined
if (full) console.log(`full callback:   ${k(full)} instructions/request`)
if (bare && full) console.log(`ratio:           ${(bare / full).toFixed(3)} (bare ÷ full; warm-up ${WARM}, counted ${N})`)
