import { reject, type Rejection } from '../errors.js'
import { err, ok, type Result } from '../result.js'

/** A symmetric TSPLIB instance with node coordinates (EUC_2D, CEIL_2D or ATT), as the classic benchmarks are. */
export type TsplibInstance = { name: string; type: 'EUC_2D' | 'CEIL_2D' | 'ATT'; coords: [number, number][] }

const TYPES = ['EUC_2D', 'CEIL_2D', 'ATT'] as const

export function parseTsplib(text: string): Result<TsplibInstance, Rejection> {
  const lines = text.split(/\r?\n/).map((l) => l.trim())
  const header = (key: string) => lines.find((l) => l.startsWith(key))?.split(':')[1]?.trim()
  const type = header('EDGE_WEIGHT_TYPE')
  if (!TYPES.includes(type as (typeof TYPES)[number])) return err(reject('BAD_REQUEST', { detail: `unsupported EDGE_WEIGHT_TYPE ${type}` }))
  const from = lines.indexOf('NODE_COORD_SECTION')
  if (from < 0) return err(reject('BAD_REQUEST', { detail: 'no NODE_COORD_SECTION' }))
  const coords: [number, number][] = []
  for (const l of lines.slice(from + 1)) {
    if (l === 'EOF' || l === '') break
    const [, x, y] = l.split(/\s+/).map(Number)
    if (!Number.isFinite(x) || !Number.isFinite(y)) return err(reject('BAD_REQUEST', { detail: `bad coordinate line: ${l}` }))
    coords.push([x!, y!])
  }
  return ok({ name: header('NAME') ?? 'unnamed', type: type as TsplibInstance['type'], coords })
}

/** TSPLIB 95 §2: EUC_2D rounds to the nearest integer, CEIL_2D rounds up, ATT is the pseudo-Euclidean distance. */
export function tsplibDistance(type: TsplibInstance['type'], a: [number, number], b: [number, number]): number {
  const dx = a[0] - b[0]
  const dy = a[1] - b[1]
  if (type === 'ATT') {
    const r = Math.sqrt((dx * dx + dy * dy) / 10)
    const t = Math.round(r)
    return t < r ? t + 1 : t
  }
  const d = Math.sqrt(dx * dx + dy * dy)
  return type === 'CEIL_2D' ? Math.ceil(d) : Math.floor(d + 0.5)
}

export function tsplibMatrix(inst: TsplibInstance): number[][] {
  return inst.coords.map((a) => inst.coords.map((b) => tsplibDistance(inst.type, a, b)))
}
