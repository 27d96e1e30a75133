import { describe, expect, it } from 'vitest'
import { greyWithoutSeals } from './seals.js'
import { greyWithoutSealInk } from './tesseract-seals.js'

const W = 400, H = 300
type Rgb = [number, number, number]
const INK: Rgb = [220, 120, 120]
const RIM: Rgb = [134, 78, 78]
const FRINGE: Rgb = [235, 215, 215]

/**
 * A seal ring (centre 300,150) as a photo leaves it: a saturated middle, a dark-red rim on each edge and a pink
 * fringe outside, over a black bar; the right 40 px of the page in shadow (paper at 150, the ring's ink darkened
 * alike); red text far from the seal at the top left.
 */
function page(): Uint8Array {
  const rgb = new Uint8Array(W * H * 3)
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
    const shade = x >= 360 ? 150 / 255 : 1
    const d = Math.hypot(x - 300, y - 150)
    let c: Rgb = [255, 255, 255]
    if (d > 49 && d < 51 || d > 61 && d < 63) c = FRINGE
    if (d >= 51 && d < 53 || d > 59 && d <= 61) c = RIM
    if (d >= 53 && d <= 59) c = INK
    if (y >= 145 && y < 155 && x >= 220 && x < 380) c = d >= 51 && d <= 61 ? [70, 20, 20] : [0, 0, 0]
    if (y >= 20 && y < 36 && x >= 20 && x < 200 && x % 12 < 9) c = [200, 40, 40]
    rgb.set(c.map(v => Math.round(v * shade)), (y * W + x) * 3)
  }
  return rgb
}

describe('greyWithoutSealInk', () => {
  const grey = greyWithoutSealInk(page(), 3, W, H)
  const at = (x: number, y: number): number => grey[y * W + x]!

  it('turns the whole seal, rim and fringe too, into paper, where the shared seal removal leaves a grey ring', () => {
    for (const y of [88, 90, 92, 96, 98, 100, 150 - 62]) expect(at(300, y)).toBe(255)
    const shared = greyWithoutSeals(page(), 3, W, H)
    expect(shared[90 * W + 300]).toBeLessThan(110)
  })

  it('fills the shadowed part of the ring with the shadowed paper, not with white', () => {
    expect(at(361, 130)).toBe(at(370, 130))
    expect(at(361, 130)).toBeLessThan(160)
  })

  it('keeps black text under the seal and red text away from it', () => {
    expect(at(245, 150)).toBeLessThan(60)
    expect(at(260, 150)).toBe(0)
    expect(at(24, 28)).toBeLessThan(110)
  })

  it('reads a grey image as it is', () => {
    const g = Uint8Array.from([10, 200, 30])
    expect(greyWithoutSealInk(g, 1, 3, 1)).toBe(g)
  })
})
