import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { DEFAULT_IMAGE_LIMITS } from './image-prep.js'
import { paddleWorkSize, preparePaddleImage } from './paddle-prep.js'

describe('the page PP-OCR works on', () => {
  it.each([
    [1200, 800, 2_000_000, 1184, 800],
    [3000, 4000, 2_000_000, 1216, 1632],
    [20, 10, 2_000_000, 32, 32],
    [10_000, 10_000, 1_000_000, 992, 992],
  ])('%d×%d within %d px → %d×%d', (w, h, max, ww, wh) => {
    const s = paddleWorkSize(w, h, max)
    expect(s).toEqual({ width: ww, height: wh })
    expect(s.width % 32 + s.height % 32).toBe(0)
  })

  it('turns a large colour photo into a bounded grey page, and refuses blank and broken ones', async () => {
    const photo = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#eee' } })
      .composite([{ input: { create: { width: 1500, height: 60, channels: 3, background: '#222' } }, top: 900, left: 500 }]).jpeg().toBuffer()
    const r = await preparePaddleImage(photo, DEFAULT_IMAGE_LIMITS, 1_000_000)
    expect(r.ok && r.value.width * r.value.height).toBeLessThanOrEqual(1_000_000)
    // one byte per pixel; the dark bar survives the shrink
    expect(r.ok && r.value.data.length).toBe(r.ok ? r.value.width * r.value.height : -1)
    expect(r.ok && r.value.data.reduce((a, b) => Math.min(a, b), 255)).toBeLessThan(80)
    const blank = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#fff' } }).png().toBuffer()
    expect(await preparePaddleImage(blank, DEFAULT_IMAGE_LIMITS, 1_000_000)).toMatchObject({ ok: false, error: { code: 'QUOTE_IMAGE_UNREADABLE' } })
    expect(await preparePaddleImage(photo.subarray(0, 2000), DEFAULT_IMAGE_LIMITS, 1_000_000)).toMatchObject({ ok: false, error: { code: 'IMAGE_INVALID' } })
  })
})
