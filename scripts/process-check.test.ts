import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..')
const run = (...files: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/process-check.ts'), ...files], { cwd: root, encoding: 'utf8' })

describe('npm run process:check -- FILE...', () => {
  it('exits 0 on the shipped definitions', () => {
    const r = run('config/processes/new-customer.yaml', 'config/processes/hospital-visit.yaml')
    expect(r.stdout).toContain('new-customer.yaml: ok')
    expect(r.status).toBe(0)
  })
  it('prints every problem as file:line:col CODE message and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'process-check-'))
    const bad = join(dir, 'bad.yaml')
    writeFileSync(bad, 'id: p\nname: { zh: 流程, en: P }\nnodes:\n  - key: a\n    name: { zh: 甲, en: A }\n    timeLimit: { maxDwell: soon }\n  - key: b\n    name: { zh: 乙, en: B }\n    bogus: 1\n')
    const r = run(bad, join(dir, 'missing.yaml'))
    expect(r.stdout.trim().split('\n')).toEqual([
      `${bad}:6:28 PROCESS_BAD_DURATION 时长 soon 无法识别（示例：3d、4h、1d4h、30m） / Duration soon is not understood (e.g. 3d, 4h, 1d4h, 30m)`,
      expect.stringMatching(new RegExp(`^${bad}:9:12 PROCESS_SCHEMA `)),
      expect.stringMatching(/missing\.yaml:0:0 NOT_FOUND /),
    ])
    expect(r.status).toBe(1)
  })
})
