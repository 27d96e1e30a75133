/**
 * The demo history's dice: mulberry32 over a fixed seed, so a tenant seeded twice gets the same history (same ids,
 * same times relative to "now", same mix of on-time, late and overdue runs).
 */
export type Rng = {
  next: () => number
  int: (min: number, max: number) => number
  pick: <T>(xs: readonly T[]) => T
  chance: (p: number) => boolean
  uuid: () => string
}

export const DEMO_SEED = 20_261_127

/** The seed for one tenant's history (by its slug): the same tenant gets the same history, two tenants never share row ids. */
export function seedFor(slug: string): number {
  let h = 0x811c9dc5 ^ DEMO_SEED
  for (const ch of slug) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193)
  return h >>> 0
}

export function seededRandom(seed = DEMO_SEED): Rng {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  const hex = (n: number) => Array.from({ length: n }, () => int(0, 15).toString(16)).join('')
  return {
    next, int,
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
    // A well-formed v4 uuid drawn from the same stream.
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[int(0, 3)]}${hex(3)}-${hex(12)}`,
  }
}
