import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../config/settings.js'
import { loadHeatmapConfig } from './heatmap-config.js'
import { CONFIG_DIR } from './process-config.js'

const dirWith = (text: string | null) => {
  const dir = mkdtempSync(join(tmpdir(), 'heatmap-config-'))
  if (text !== null) writeFileSync(join(dir, 'heatmap.yaml'), text)
  return dir
}

describe('loadHeatmapConfig', () => {
  it('loads the shipped config', () => {
    expect(loadHeatmapConfig().fields.map((f) => f.key)).toEqual(['purchaseIntent', 'consumablesCurrent', 'consumablesPotential', 'rolesMet'])
  })

  it('refuses to start on a broken file, naming file, line and column', () => {
    const text = readFileSync(join(CONFIG_DIR, 'heatmap.yaml'), 'utf8').replace('kind: coverage', 'kind: average')
    const dir = dirWith(text)
    const line = text.split('\n').findIndex((l) => l.includes('kind: average')) + 1
    expect(() => loadHeatmapConfig(dir)).toThrow(ConfigError)
    expect(() => loadHeatmapConfig(dir)).toThrow(new RegExp(`heatmap\\.yaml:${line}:\\d+: HEATMAP_CONFIG_INVALID`))
  })

  it('says which file is missing', () => {
    expect(() => loadHeatmapConfig(dirWith(null))).toThrow(/heatmap\.yaml: cannot read: ENOENT/)
  })
})
