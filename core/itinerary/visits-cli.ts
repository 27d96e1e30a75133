import type { Rejection } from '../errors.js'
import { err, ok, type Result } from '../result.js'
import { parseCheckIns } from './check-in.js'
import { checkItinerary } from './check-itinerary.js'
import { configSection, parseJsonText } from './cli-input.js'
import type { CalendarYear } from '../timing/working-calendar.js'
import { parseThresholds, withCalendars } from './thresholds.js'

/** The whole of `npm run visits:check` but the file reads: input text + config document → the stdout JSON. */
export function visitsCheckOutput(inputText: string, configDoc: unknown, calendars: readonly CalendarYear[] = []): Result<string, Rejection> {
  const thresholds = parseThresholds(configSection(configDoc, 'itinerary'))
  if (!thresholds.ok) return thresholds
  const json = parseJsonText(inputText, 'the check-in file')
  if (!json.ok) return json
  const checkIns = parseCheckIns(json.value)
  if (!checkIns.ok) return checkIns
  const flags = checkItinerary(checkIns.value, withCalendars(thresholds.value, calendars))
  return flags.ok ? ok(JSON.stringify(flags.value)) : err(flags.error)
}
