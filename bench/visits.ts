/**
 * npm run bench:visits [-- DIR]
 *
 * Precision / recall / F1 per anomaly code on the labelled dev set (shared/fixtures/visits), a check that the legal
 * edge cases (borderline records) stay unflagged, and the same figures for a naive rule set run beside it
 * (raw device-time speed, no accuracy circles, no road factor, no clock-consistency handling) as the baseline.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { ANOMALY_CODES, parseCheckIns, type AnomalyCode, type CheckIn } from '../core/itinerary/check-in.js'
import { checkItinerary } from '../core/itinerary/check-itinerary.js'
import { parseThresholds, withCalendars } from '../core/itinerary/thresholds.js'
import { parseCalendarYaml } from '../core/timing/calendar-yaml.js'
import { haversineM } from '../core/geo/distance.js'

type Label = { id: string; anomalies: AnomalyCode[]; borderline?: string }
type Flags = Map<string, Set<string>>

const dir = process.argv.slice(2).find((a) => a !== '--') ?? join(import.meta.dirname, '..', '..', 'shared', 'fixtures', 'visits')
const parsed = parseCheckIns(JSON.parse(readFileSync(join(dir, 'visits.json'), 'utf8')))
if (!parsed.ok) throw new Error(JSON.stringify(parsed.error))
const visits = parsed.value
const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as Label[]
const config = parseYaml(readFileSync(join(import.meta.dirname, '..', 'config', 'itinerary.yaml'), 'utf8')) as { itinerary?: unknown }
const own = parseThresholds(config.itinerary)
if (!own.ok) throw new Error(JSON.stringify(own.error))
const calendarDir = join(import.meta.dirname, '..', 'config', 'calendars')
const years = readdirSync(calendarDir).filter((f) => /^cn-\d{4}\.yaml$/.test(f)).flatMap((f) => {
  const y = parseCalendarYaml(readFileSync(join(calendarDir, f), 'utf8'), f)
  return y.ok ? [y.value] : []
})
const thresholds = withCalendars(own.value, years)

/** What a first attempt would do: every rule on raw fields. */
function naive(list: readonly CheckIn[]): Flags {
  const out: Flags = new Map(list.map((c) => [c.id, new Set<string>()]))
  const t = (s: string): number => Date.parse(s)
  const byRep = new Map<string, CheckIn[]>()
  for (const c of list) byRep.set(c.repId, [...(byRep.get(c.repId) ?? []), c])
  for (const reps of byRep.values()) {
    reps.sort((a, b) => t(a.deviceTime) - t(b.deviceTime))
    reps.slice(1).forEach((b, i) => {
      const a = reps[i]!
      const h = (t(b.deviceTime) - t(a.deviceTime)) / 3_600_000
      const km = haversineM(a, b) / 1000
      if (h < 0.1 && km > 1) {
        out.get(a.id)!.add('TELEPORT_SAME_TIME')
        out.get(b.id)!.add('TELEPORT_SAME_TIME')
      } else if (km / Math.max(h, 1e-9) > 100) out.get(b.id)!.add('IMPOSSIBLE_SPEED')
    })
  }
  const seen = new Set<string>()
  for (const c of list) {
    const f = out.get(c.id)!
    if (c.photoExifTime && Math.abs(t(c.photoExifTime) - t(c.deviceTime)) > 30 * 60_000) f.add('EXIF_TIME_MISMATCH')
    if (t(c.deviceTime) > t(c.serverTime)) f.add('FUTURE_TIMESTAMP')
    if (c.photoHash && seen.has(c.photoHash)) f.add('PHOTO_REUSED')
    if (c.photoHash) seen.add(c.photoHash)
    if ((c.accuracyM ?? 0) > 100) f.add('GPS_LOW_ACCURACY')
    const hour = Number(c.deviceTime.slice(11, 13))
    const day = new Date(c.deviceTime.slice(0, 10) + 'T00:00:00Z').getUTCDay()
    if (hour < 9 || hour >= 18 || day === 0 || day === 6) f.add('OUTSIDE_HOURS')
  }
  return out
}

function score(flags: Flags): { rows: string[]; macroF1: number; borderlineFlagged: string[] } {
  const rows: string[] = []
  let f1Sum = 0
  for (const code of ANOMALY_CODES) {
    let tp = 0, fp = 0, fn = 0
    for (const l of labels) {
      const got = flags.get(l.id)?.has(code) ?? false
      const want = l.anomalies.includes(code)
      if (got && want) tp++
      else if (got) fp++
      else if (want) fn++
    }
    const p = tp + fp === 0 ? 1 : tp / (tp + fp)
    const r = tp + fn === 0 ? 1 : tp / (tp + fn)
    const f1 = p + r === 0 ? 0 : (2 * p * r) / (p + r)
    f1Sum += f1
    rows.push(`${code.padEnd(20)} P ${p.toFixed(3)}  R ${r.toFixed(3)}  F1 ${f1.toFixed(3)}  (tp ${tp}, fp ${fp}, fn ${fn})`)
  }
  const borderlineFlagged = labels.filter((l) => l.borderline && (flags.get(l.id)?.size ?? 0) > 0).map((l) => l.id)
  return { rows, macroF1: f1Sum / ANOMALY_CODES.length, borderlineFlagged }
}

const started = performance.now()
const ours = checkItinerary(visits, thresholds)
const ms = performance.now() - started
if (!ours.ok) throw new Error(JSON.stringify(ours.error))
const oursScore = score(new Map(ours.value.map((v) => [v.id, new Set<string>(v.anomalies)])))
const baseScore = score(naive(visits))
const borderline = labels.filter((l) => l.borderline)

console.log(`visits: ${visits.length} records, ${borderline.length} legal edge cases, checked in ${ms.toFixed(1)} ms`)
console.log('\nitinerary checks (core/itinerary):')
for (const r of oursScore.rows) console.log(`  ${r}`)
console.log(`  macro F1 ${oursScore.macroF1.toFixed(3)}; legal edge cases flagged: ${oursScore.borderlineFlagged.length ? oursScore.borderlineFlagged.join(', ') : 'none'}`)
console.log('\nbaseline (naive rules on raw fields):')
for (const r of baseScore.rows) console.log(`  ${r}`)
console.log(`  macro F1 ${baseScore.macroF1.toFixed(3)}; legal edge cases flagged: ${baseScore.borderlineFlagged.length}`)
console.log(`\nmacro F1 ratio to baseline: ${(oursScore.macroF1 / baseScore.macroF1).toFixed(2)}×`)
if (oursScore.borderlineFlagged.length > 0) process.exitCode = 1
