import { describe, expect, it } from 'vitest'
import { findSeals, greyWithoutSeals } from './seals.js'

const W = 400, H = 300
const SEAL: [number, number, number] = [220, 120, 120]
const RED_TEXT: [number, number, number] = [200, 40, 40]

/** White page: a seal ring (centre 300,150, radius 60) over a black bar, and a line of red text at the top left. */
function page(): Uint8Array {
  const rgb = new Uint8Array(W * H * 3).fill(255)
  const paint = (x: number, y: number, c: [number, number, number]): void => { rgb.set(c, (y * W + x) * 3) }
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
    const d = Math.hypot(x - 300, y - 150)
    if (d > 52 && d < 60) paint(x, y, SEAL)
    if (y >= 145 && y < 155 && x >= 220 && x < 380) paint(x, y, d > 52 && d < 60 ? [70, 20, 20] : [0, 0, 0])
    if (y >= 20 && y < 36 && x >= 20 && x < 200 && x % 12 < 9) paint(x, y, RED_TEXT)
  }
  return rgb
}

describe('seals', () => {
  it('finds the round seal and not the line of red text', () => {
    const seals = findSeals(page(), 3, W, H)
    expect(seals).toHaveLength(1)
    expect(seals[0]!.x0).toBeLessThanOrEqual(240)
    expect(seals[0]!.x1).toBeGreaterThanOrEqual(360)
  })

  it('whitens seal ink, keeps black text under it and red text elsewhere', () => {
    const grey = greyWithoutSeals(page(), 3, W, H)
    const at = (x: number, y: number): number => grey[y * W + x]!
    expect(at(300, 92)).toBe(255)        // ring ink
    expect(at(245, 150)).toBeLessThan(60) // black bar where the ring crosses it
    expect(at(260, 150)).toBe(0)          // black bar inside the ring
    expect(at(24, 28)).toBeLessThan(110)  // red text stays dark
  })

  it('reads a grey image as it is', () => {
    const grey = Uint8Array.from([10, 200, 30])
    expect(greyWithoutSeals(grey, 1, 3, 1)).toBe(grey)
    expect([...greyWithoutSeals(Uint8Array.from([10, 255, 200, 255]), 2, 2, 1)]).toEqual([10, 200])
  })
})
