/** A seeded PRNG returning floats in [0, 1). Core never calls Math.random, so plans are reproducible from the seed. */
export type Prng = () => number

/** mulberry32 (Tommy Ettinger): 32-bit state, passes gjrand/PractRand at the scale a route search uses. */
export function mulberry32(seed: number): Prng {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** An integer in [lo, hi). */
export const randomInt = (rand: Prng, lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo))
