import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..')
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/gen-calendars.ts'), '--check', ...args], { cwd: root, encoding: 'utf8' })

describe('gen-calendars --check', () => {
  it('finds config/calendars in line with chinese-days for 2025 and 2026', () => {
    const r = run('2025', '2026')
    expect(r.stdout).toContain('cn-2025.yaml up to date')
    expect(r.stdout).toContain('cn-2026.yaml up to date')
    expect(r.status).toBe(0)
  })
  it('says so, and fails, for a year the package has no arrangement for', () => {
    const r = run('2027')
    expect(r.stderr).toContain('2027: chinese-days')
    expect(r.status).toBe(1)
  })
})
