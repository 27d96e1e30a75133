import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseHeatmapYaml, type HeatmapConfig } from '../../core/dashboard/heatmap-config.js'
import { ConfigError } from '../../config/settings.js'
import { CONFIG_DIR } from './process-config.js'

/** config/heatmap.yaml, read once at start; a broken file stops the process listing each problem with file:line:col. */
export function loadHeatmapConfig(dir = CONFIG_DIR): HeatmapConfig {
  const file = join(dir, 'heatmap.yaml')
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    throw new ConfigError([{ variable: file, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }])
  }
  const r = parseHeatmapYaml(text, file)
  if (!r.ok) throw new ConfigError(r.error.map((i) => ({ variable: `${i.file}:${i.line}:${i.col}`, message: `${i.code} ${i.zh} / ${i.en}` })))
  return r.value
}
