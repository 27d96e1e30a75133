import type { DeliverableDef, FormFieldDef } from '../process/schema-deliverables.js'
import { assertNever } from '../result.js'
import { fromLocal, isoToDay } from '../timing/beijing-time.js'
import type { Deliverable, GeoPoint, Opportunity } from './types.js'

/** Why one piece of evidence does not count, e.g. 'too_far', 'field_missing:pain_points'. */
export type EvidenceProblem = string

const EARTH_RADIUS_M = 6_371_000
const rad = (deg: number): number => (deg * Math.PI) / 180

export function distanceMetres(a: GeoPoint, b: GeoPoint): number {
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** A Date, an ISO timestamp, or a bare 'YYYY-MM-DD' (as OCR reads validity), which runs to the end of that Beijing day. */
function asDate(v: unknown): Date | null {
  const day = typeof v === 'string' ? isoToDay(v) : null
  if (day !== null) return fromLocal(day, 1440)
  const d = v instanceof Date ? v : typeof v === 'string' || typeof v === 'number' ? new Date(v) : null
  return d && !Number.isNaN(d.getTime()) ? d : null
}

const asNumber = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)

function photoProblems(def: Extract<DeliverableDef, { kind: 'photo' }>, data: Record<string, unknown>, opp: Opportunity): EvidenceProblem[] {
  const out: EvidenceProblem[] = []
  const lat = asNumber(data.lat)
  const lng = asNumber(data.lng)
  if (def.maxDistanceM !== undefined) {
    if (lat === null || lng === null || !opp.customerLocation) out.push('no_location')
    else if (distanceMetres({ lat, lng }, opp.customerLocation) > def.maxDistanceM) out.push('too_far')
  }
  const takenAt = asDate(data.takenAt)
  if (def.duringVisit && !(takenAt && (opp.visits ?? []).some((v) => takenAt >= v.startedAt && (!v.endedAt || takenAt <= v.endedAt)))) {
    out.push('outside_visit')
  }
  return out
}

function formValueProblem(f: FormFieldDef, v: unknown): EvidenceProblem | null {
  if (v === undefined || v === null || v === '') return f.required ? `field_missing:${f.key}` : null
  const fits =
    f.type === 'text' ? typeof v === 'string' && v.trim() !== ''
    : f.type === 'number' ? asNumber(v) !== null
    : f.type === 'date' ? asDate(v) !== null
    : f.type === 'boolean' ? typeof v === 'boolean'
    : f.type === 'select' ? typeof v === 'string' && (f.options ?? []).includes(v)
    : Array.isArray(v) && v.filter((x) => typeof x === 'string' && x.trim() !== '').length >= (f.minItems ?? 1)
  return fits ? null : `field_invalid:${f.key}`
}

function quoteProblems(minValidDays: number, data: Record<string, unknown>, arrivedAt: Date): EvidenceProblem[] {
  const amount = asNumber(data.amount)
  const models = Array.isArray(data.models) ? data.models.filter((m) => typeof m === 'string' && m.trim() !== '') : []
  const validUntil = asDate(data.validUntil)
  return [
    ...(amount === null || amount <= 0 ? ['no_amount'] : []),
    ...(models.length === 0 ? ['no_models'] : []),
    ...(!validUntil ? ['no_validity'] : validUntil.getTime() < arrivedAt.getTime() + minValidDays * 86_400_000 ? ['validity_too_short'] : []),
  ]
}

/** Problems with one deliverable against its definition; empty means it counts. */
export function evidenceProblems(def: DeliverableDef, item: Deliverable, opp: Opportunity): EvidenceProblem[] {
  if (item.kind !== def.kind) return ['wrong_kind']
  const data = item.data
  switch (def.kind) {
    case 'photo': return photoProblems(def, data, opp)
    case 'voice_summary': return typeof data.text === 'string' && data.text.trim().length >= def.minLength ? [] : ['too_short']
    case 'file': {
      const ext = typeof data.name === 'string' ? (data.name.split('.').pop() ?? '').toLowerCase() : ''
      return def.accept === undefined || def.accept.includes(ext) ? [] : ['file_type']
    }
    case 'quote': return quoteProblems(def.minValidDays, data, item.arrivedAt)
    case 'form': {
      const values = (data.values ?? {}) as Record<string, unknown>
      return def.fields.flatMap((f) => formValueProblem(f, Object.hasOwn(values, f.key) ? values[f.key] : undefined) ?? [])
    }
    case 'checklist': {
      const checked = Array.isArray(data.checked) ? data.checked : []
      return def.items.filter((i) => !checked.includes(i.key)).map((i) => `unchecked:${i.key}`)
    }
    default: return assertNever(def, 'deliverable kind')
  }
}
