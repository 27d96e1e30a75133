import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import type { Issue } from '../../core/process/issue.js'
import { loadDefinition } from '../../core/process/load-definition.js'
import type { ProcessDefinition } from '../../core/process/schema.js'
import { buildCalendar, type Calendar, type CalendarYear, type WorkingHours } from '../../core/timing/working-calendar.js'
import { ConfigError } from '../../config/settings.js'

export const CONFIG_DIR = join(import.meta.dirname, '..', '..', 'config')
export const DEFAULT_HOURS: WorkingHours = { start: '09:00', end: '18:00', breaks: [{ start: '12:00', end: '13:00' }] }

export type ProcessConfig = { definitions: ProcessDefinition[]; calendar: Calendar }

const yamlFiles = (dir: string) => readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(dir, f))

/**
 * Every process definition and the working calendar, loaded once at start. A broken file never
 * half-loads: the process refuses to start and lists every problem with its line.
 */
export function loadProcessConfig(dir = CONFIG_DIR, hours = DEFAULT_HOURS): ProcessConfig {
  const issues: Issue[] = []
  const definitions: ProcessDefinition[] = []
  for (const file of yamlFiles(join(dir, 'processes'))) {
    const r = loadDefinition(readFileSync(file, 'utf8'), file)
    if ('issues' in r) issues.push(...r.issues)
    else definitions.push(r.definition)
  }
  if (issues.length) {
    throw new ConfigError(issues.map((i) => ({ variable: `${i.file}:${i.line}:${i.col}`, message: `${i.code} ${i.zh} / ${i.en}` })))
  }
  const years = yamlFiles(join(dir, 'calendars')).map((f) => parse(readFileSync(f, 'utf8')) as CalendarYear)
  return { definitions, calendar: buildCalendar(hours, years) }
}

export function definitionOrThrow(cfg: ProcessConfig, processId: string): ProcessDefinition {
  const d = cfg.definitions.find((x) => x.id === processId)
  if (!d) throw new ConfigError([{ variable: `config/processes/${processId}.yaml`, message: 'process not found' }])
  return d
}
