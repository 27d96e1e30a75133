/**
 * npm run visits:check -- FILE [--config PATH]
 *
 * FILE: a JSON array of check-ins as in shared/fixtures/visits/visits.json. Prints one JSON array
 * `[{"id","anomalies":[codes]}]` (input order) to stdout and nothing else; on bad input a message goes to stderr
 * and the exit code is 2. Thresholds come from config/itinerary.yaml (section `itinerary`) unless --config is given;
 * statutory holidays and adjusted workdays from config/calendars/cn-<year>.yaml.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { renderMessage, type Rejection } from '../core/errors.js'
import { parseCliArgs } from '../core/itinerary/cli-input.js'
import { visitsCheckOutput } from '../core/itinerary/visits-cli.js'
import { parseCalendarYaml } from '../core/timing/calendar-yaml.js'
import type { CalendarYear } from '../core/timing/working-calendar.js'

function fail(r: Rejection): never {
  const m = renderMessage(r.code, r.params)
  process.stderr.write(`visits:check: ${m.en}\n${m.zh}\n`)
  process.exit(2)
}

function readOrFail(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (e) {
    return fail({ code: 'BAD_REQUEST', params: { detail: `cannot read ${path}: ${(e as Error).message}` } })
  }
}

const args = parseCliArgs(process.argv.slice(2))
if (!args.ok) fail(args.error)
const configPath = args.value.configPath ?? join(import.meta.dirname, '..', 'config', 'itinerary.yaml')
const configDoc: unknown = args.value.configPath !== null || existsSync(configPath) ? parseYaml(readOrFail(configPath)) : {}
const calendarDir = join(import.meta.dirname, '..', 'config', 'calendars')
// a broken calendar file must not stop the check: weekdays still decide, and the problem is reported on stderr
const calendars: CalendarYear[] = (existsSync(calendarDir) ? readdirSync(calendarDir) : [])
  .filter((f) => /^cn-\d{4}\.yaml$/.test(f))
  .flatMap((f) => {
    const year = parseCalendarYaml(readOrFail(join(calendarDir, f)), f)
    if (year.ok) return [year.value]
    process.stderr.write(`visits:check: ignoring ${f}: ${JSON.stringify(year.error)}\n`)
    return []
  })
const out = visitsCheckOutput(readOrFail(args.value.file), configDoc, calendars)
if (!out.ok) fail(out.error)
process.stdout.write(`${out.value}\n`)
