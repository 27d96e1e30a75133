import { describe, expect, it } from 'vitest'
import { stretchContrast } from './grey-levels.js'
import { removeRuleLines } from './rule-lines.js'

describe('stretchContrast', () => {
  it('stretches a pale page to full black and white and reports its spread', () => {
    const page = Uint8Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? 120 : 200))
    const stdev = stretchContrast(page)
    expect(stdev).toBeCloseTo(24, 0)
    expect([Math.min(...page), Math.max(...page)]).toEqual([0, 255])
  })

  it('leaves a flat page alone and reports no spread', () => {
    const page = new Uint8Array(100).fill(250)
    expect(stretchContrast(page)).toBe(0)
    expect(page[0]).toBe(250)
  })
})

describe('removeRuleLines', () => {
  const w = 200, h = 60
  const page = (): Uint8Array => {
    const p = new Uint8Array(w * h).fill(255)
    for (let x = 10; x < 190; x++) p[30 * w + x] = 0             // a table rule, 1 px thick
    for (let y = 5; y < 55; y++) p[y * w + 100] = 0              // a column rule
    for (let y = 10; y < 20; y++) for (let x = 20; x < 30; x++) p[y * w + x] = 0  // a glyph blob
    return p
  }

  it('removes long thin rules and keeps glyphs', () => {
    const p = page()
    expect(removeRuleLines(p, w, h, 40)).toBe(180 + 50)
    expect(p[30 * w + 50]).toBe(255)
    expect(p[40 * w + 100]).toBe(255)
    expect(p[15 * w + 25]).toBe(0)
  })

  it('keeps dark areas that are not thin (a black header bar)', () => {
    const p = new Uint8Array(w * h).fill(0)
    expect(removeRuleLines(p, w, h, 40)).toBe(0)
  })
})
