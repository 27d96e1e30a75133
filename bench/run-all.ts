// `npm run bench`: every benchmark in turn, each printing its figure against the baseline it measures beside it.
import { spawnSync } from 'node:child_process'

const BENCHES = ['webhook', 'sweep', 'reminders', 'matrix', 'routes', 'visits', 'ocr']
let failed = 0
for (const name of BENCHES) {
  process.stdout.write(`\n== bench:${name}\n`)
  const r = spawnSync(process.execPath, ['--import', 'tsx', `bench/${name}.ts`], { stdio: 'inherit' })
  if (r.status !== 0) failed++
}
process.exitCode = failed ? 1 : 0
