import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Issue } from '../../core/process/issue.js'
import { loadDefinitions } from '../../core/process/load-definition.js'
import type { ProcessDefinition } from '../../core/process/schema.js'
import { keywordCategories, parseKeywordsYaml, type KeywordDictionary } from '../../core/rules/keywords.js'
import { parseCalendarYaml } from '../../core/timing/calendar-yaml.js'
import { buildCalendar, type Calendar, type CalendarYear, type WorkingHours } from '../../core/timing/working-calendar.js'
import { ConfigError } from '../../config/settings.js'

export const CONFIG_DIR = join(import.meta.dirname, '..', '..', 'config')
export const DEFAULT_HOURS: WorkingHours = { start: '09:00', end: '18:00', breaks: [{ start: '12:00', end: '13:00' }] }

export type ProcessConfig = { definitions: ProcessDefinition[]; calendar: Calendar; keywords: KeywordDictionary[] }

const yamlFiles = (dir: string) => readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(dir, f))
const read = (files: string[]) => files.map((file) => ({ file, text: readFileSync(file, 'utf8') }))

/**
 * Every process definition, keyword dictionary and calendar year, loaded once at start. A broken file
 * never half-loads: the process refuses to start and lists every problem with its file, line and column.
 */
export function loadProcessConfig(dir = CONFIG_DIR, hours = DEFAULT_HOURS): ProcessConfig {
  const issues: Issue[] = []
  const keywords: KeywordDictionary[] = []
  for (const f of read(yamlFiles(join(dir, 'keywords')))) {
    const r = parseKeywordsYaml(f.text, f.file)
    if (r.ok) keywords.push(r.value)
    else issues.push(...r.error)
  }
  const years: CalendarYear[] = []
  for (const f of read(yamlFiles(join(dir, 'calendars')))) {
    const r = parseCalendarYaml(f.text, f.file)
    if (r.ok) years.push(r.value)
    else issues.push(...r.error)
  }
  const defs = loadDefinitions(read(yamlFiles(join(dir, 'processes'))), { keywordCategories: keywordCategories(keywords) })
  if ('issues' in defs) issues.push(...defs.issues)
  if (issues.length || !('definitions' in defs)) {
    throw new ConfigError(issues.map((i) => ({ variable: `${i.file}:${i.line}:${i.col}`, message: `${i.code} ${i.zh} / ${i.en}` })))
  }
  return { definitions: defs.definitions, calendar: buildCalendar(hours, years), keywords }
}

export function definitionOrThrow(cfg: ProcessConfig, processId: string): ProcessDefinition {
  const d = cfg.definitions.find((x) => x.id === processId)
  if (!d) throw new ConfigError([{ variable: `config/processes/${processId}.yaml`, message: 'process not found' }])
  return d
}
