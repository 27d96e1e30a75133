import { describe, expect, it } from 'vitest'
import { cropLine, LINE_HEIGHT, rectify, type GreyPage } from './paddle-crop.js'

/** A white page with a black bar at x 100..299, y 50..73 (24 px high). */
function page(): GreyPage {
  const width = 400, height = 200
  const data = new Uint8Array(width * height).fill(255)
  for (let y = 50; y < 74; y++) for (let x = 100; x < 300; x++) data[y * width + x] = 0
  return { data, width, height }
}

describe('a text line cut to the recogniser height', () => {
  it('keeps the aspect ratio at 48 px high and the grey levels in 0..1', async () => {
    const strip = await cropLine(page(), [[90, 40], [310, 40], [310, 84], [90, 84]])
    expect(strip.height).toBe(LINE_HEIGHT)
    expect(strip.width).toBe(Math.ceil((220 * 48) / 44))
    const at = (x: number, y: number): number => strip.data[y * strip.width + x]!
    expect(at(Math.round(strip.width / 2), 24)).toBeCloseTo(0, 1)
    expect(at(2, 2)).toBeCloseTo(1, 1)
  })

  it('widens the strip by the stretch asked, still 48 px high', async () => {
    const strip = await cropLine(page(), [[90, 40], [310, 40], [310, 84], [90, 84]], 1.5)
    expect([strip.width, strip.height]).toEqual([Math.ceil((220 * 48 * 1.5) / 44), LINE_HEIGHT])
  })

  it('copies a level box pixel for pixel, edges kept sharp', () => {
    const cut = rectify(page(), [[90, 40], [310, 40], [310, 84], [90, 84]])
    expect([cut.width, cut.height]).toEqual([220, 44])
    expect([cut.data[10 * 220 + 9], cut.data[10 * 220 + 10]]).toEqual([255, 0])
  })

  it('levels a tilted box', () => {
    // a box along the bar, tilted by 2 px over its length: the bar fills its middle rows end to end
    const cut = rectify(page(), [[100, 51], [300, 49], [300, 73], [100, 75]])
    const middle = cut.data.subarray(12 * cut.width, 13 * cut.width)
    expect(Math.max(...middle.subarray(2, -2))).toBeLessThan(60)
  })

  it('turns a box much taller than wide to read top to bottom', async () => {
    const strip = await cropLine(page(), [[100, 0], [140, 0], [140, 200], [100, 200]])
    expect(strip.width).toBeGreaterThan(strip.height)
  })

  it('squeezes an absurdly long box to a bounded width', async () => {
    expect((await cropLine(page(), [[0, 60], [400, 60], [400, 61], [0, 61]])).width).toBeLessThanOrEqual(3200)
  })
})
