import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { deskew } from './deskew.js'

/** Rows of dark "words" on white, like lines of text. */
function textRows(w: number, h: number): Uint8Array {
  const p = new Uint8Array(w * h).fill(255)
  for (let y = 30; y + 12 < h - 30; y += 40) {
    for (let x = 40; x < w - 40; x++) if (x % 50 < 40) for (let k = 0; k < 12; k++) p[(y + k) * w + x] = 0
  }
  return p
}

describe('deskew', () => {
  it('leaves a level page as it is', async () => {
    const page = textRows(800, 600)
    const out = await deskew(page, 800, 600)
    expect(out.data).toBe(page)
  })

  it('levels a page tilted by 3 degrees', async () => {
    const raw = { raw: { width: 800, height: 600, channels: 1 as const } }
    const tilted = await sharp(textRows(800, 600), raw).rotate(3, { background: '#ffffff' }).extractChannel(0).raw().toBuffer({ resolveWithObject: true })
    const out = await deskew(new Uint8Array(tilted.data), tilted.info.width, tilted.info.height)
    // turned back by about -3°: the canvas grows again, by the width × sin 3° on each axis
    expect(out.w).toBeGreaterThan(tilted.info.width + 20)
    const level = await deskew(out.data, out.w, out.h)
    expect(level.data).toBe(out.data)
  })
})
