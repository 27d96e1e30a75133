import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ConfigError } from '../../config/settings.js'
import { CONFIG_DIR, loadProcessConfig } from './process-config.js'

const dirs: string[] = []
function copyOfConfig(): string {
  const dir = mkdtempSync(join(tmpdir(), 'salespath-config-'))
  dirs.push(dir)
  for (const sub of ['processes', 'calendars', 'keywords']) cpSync(join(CONFIG_DIR, sub), join(dir, sub), { recursive: true })
  return dir
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

describe('loadProcessConfig', () => {
  it('loads every shipped process, calendar year and keyword list', () => {
    const cfg = loadProcessConfig()
    expect(cfg.definitions.map((d) => d.id)).toEqual(expect.arrayContaining(['new-customer', 'hospital-visit']))
    expect([...cfg.calendar.years].sort()).toEqual(expect.arrayContaining([2025, 2026]))
    expect(cfg.keywords.length).toBeGreaterThan(0)
  })

  it('refuses to start on a broken file, naming every problem with its line', () => {
    const dir = copyOfConfig()
    writeFileSync(join(dir, 'processes', 'broken.yaml'), [
      'id: broken', 'name: { zh: 坏流程, en: Broken }', 'nodes:', '  - key: a', '    name: { zh: 甲, en: A }',
      '    timeLimit: { maxDwell: soon }', '  - key: b', '    colour: red', '    name: { zh: 乙, en: B }', '',
    ].join('\n'))
    let error: unknown
    try {
      loadProcessConfig(dir)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    const where = (error as ConfigError).issues.map((i) => i.variable)
    expect(where).toEqual(expect.arrayContaining([expect.stringMatching(/broken\.yaml:6:\d+$/), expect.stringMatching(/broken\.yaml:8:\d+$/)]))
  })
})
