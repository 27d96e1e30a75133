import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { MAX_TEXT_PX, MIN_TEXT_PX, prepareTesseractImage, tesseractScale } from './tesseract-prep.js'
import { skewAngle } from './tesseract-skew.js'
import { medianTextHeight } from './tesseract-text-height.js'

/** A white page with `rows` lines of black text at font size `px` (rendered, so glyph gaps and commas are real). */
async function textPage(width: number, px: number, rows = 12): Promise<{ grey: Uint8Array; width: number; height: number; png: Buffer }> {
  const height = Math.round(px * 2 * (rows + 2))
  const lines = Array.from({ length: rows }, (_, i) =>
    `<text x="${px}" y="${Math.round(px * 2 * (i + 1.6))}" font-family="DejaVu Sans" font-size="${px}" fill="#000">Total 128,500.00 XM-2000 valid 2026-12-31 ${i}</text>`).join('')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/>${lines}</svg>`
  const png = await sharp(Buffer.from(svg)).png().toBuffer()
  const grey = await sharp(png).extractChannel(0).raw().toBuffer()
  return { grey: new Uint8Array(grey), width, height, png }
}

describe('medianTextHeight', () => {
  it('measures the ink height of the lines: about 3/4 of the font size for digits and capitals, in proportion to it', async () => {
    const measure = async (px: number): Promise<number> => {
      const page = await textPage(px * 30, px)
      return medianTextHeight(page.grey, page.width, page.height) ?? 0
    }
    const [small, mid, large] = [await measure(12), await measure(20), await measure(40)]
    for (const [m, px] of [[small, 12], [mid, 20], [large, 40]] as const) {
      expect(m).toBeGreaterThanOrEqual(0.6 * px)
      expect(m).toBeLessThanOrEqual(0.9 * px)
    }
    expect(large / mid).toBeCloseTo(2, 0)
  })

  it('has nothing to measure on a blank page or a page of rules only', () => {
    const w = 800, h = 600
    const blank = new Uint8Array(w * h).fill(255)
    expect(medianTextHeight(blank, w, h)).toBeNull()
    const ruled = blank.slice()
    for (let y = 50; y < h; y += 50) ruled.fill(0, y * w, (y + 2) * w)
    expect(medianTextHeight(ruled, w, h)).toBeNull()
  })
})

describe('tesseractScale: upscale only small text', () => {
  it('enlarges small text to the band, at most 2×', () => {
    expect(tesseractScale(MIN_TEXT_PX / 1.5, 1000, 1000)).toBeCloseTo(1.5)
    expect(tesseractScale(4, 1000, 1000)).toBe(2)
  })
  it('leaves text inside the band, and a page with no measurable text, as they are', () => {
    expect(tesseractScale(MIN_TEXT_PX, 1500, 1500)).toBe(1)
    expect(tesseractScale(MAX_TEXT_PX, 1500, 1500)).toBe(1)
    expect(tesseractScale(null, 1500, 1500)).toBe(1)
  })
  it('shrinks large text (retina screenshots, phone photos)', () => {
    expect(tesseractScale(MAX_TEXT_PX * 2, 1200, 2600)).toBeCloseTo(0.5)
  })
  it('never goes past the work-pixel bound', () => {
    expect(tesseractScale(MIN_TEXT_PX / 2, 3000, 3000)).toBeLessThan(1)
  })
})

describe('prepareTesseractImage', () => {
  it('leaves a page of 18 px high lines at its size and halves a retina screenshot with 40 px high lines', async () => {
    const normal = await textPage(900, 24)
    const r1 = await prepareTesseractImage(normal.png, 40_000_000)
    if (!r1.ok) throw new Error(r1.error.code)
    expect(r1.value).toMatchObject({ width: normal.width, height: normal.height })
    expect(await sharp(r1.value.png).metadata()).toMatchObject({ format: 'png', channels: 1, density: 300 })

    const retina = await textPage(2400, 54)
    const r2 = await prepareTesseractImage(retina.png, 40_000_000)
    if (!r2.ok) throw new Error(r2.error.code)
    expect(r2.value.width).toBeGreaterThan(retina.width * 0.4)
    expect(r2.value.width).toBeLessThan(retina.width * 0.6)
  })

  it('enlarges a page of 9 px high lines', async () => {
    const small = await textPage(400, 12)
    const r = await prepareTesseractImage(small.png, 40_000_000)
    if (!r.ok) throw new Error(r.error.code)
    expect(r.value.width).toBeGreaterThan(small.width * 1.3)
  })

  it('refuses a blank page and a corrupt file with a catalog code', async () => {
    const blank = await sharp({ create: { width: 900, height: 1200, channels: 3, background: '#ffffff' } }).png().toBuffer()
    expect(await prepareTesseractImage(blank, 40_000_000)).toMatchObject({ ok: false, error: { code: 'QUOTE_IMAGE_UNREADABLE' } })
    const page = await textPage(900, 18)
    expect(await prepareTesseractImage(page.png.subarray(0, 300), 40_000_000)).toMatchObject({ ok: false, error: { code: 'IMAGE_INVALID' } })
  })
})

describe('skewAngle', () => {
  it('finds a level page level and a page tilted by 3° needing -3°', async () => {
    const page = await textPage(900, 18)
    expect(await skewAngle(page.grey, page.width, page.height)).toBe(0)
    const tilted = await sharp(page.grey, { raw: { width: page.width, height: page.height, channels: 1 } })
      .rotate(3, { background: '#ffffff' }).extractChannel(0).raw().toBuffer({ resolveWithObject: true })
    expect(await skewAngle(new Uint8Array(tilted.data), tilted.info.width, tilted.info.height)).toBe(-3)
  })
})
