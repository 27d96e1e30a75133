import { describe, expect, it } from 'vitest'
import { removeRuleLines } from './rule-lines.js'

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
    expect(removeRuleLines(p, w, h, 40)).toBe(180 + 50 - 1) // the crossing once
    expect(p[30 * w + 50]).toBe(255)
    expect(p[40 * w + 100]).toBe(255)
    expect(p[15 * w + 25]).toBe(0)
  })

  it('keeps dark areas that are not thin (a black header bar)', () => {
    const p = new Uint8Array(w * h).fill(0)
    expect(removeRuleLines(p, w, h, 40)).toBe(0)
  })

  it('follows the rules of a photographed table, a degree or two off level and blurred to mid-grey', () => {
    const W = 600, H = 200
    const p = new Uint8Array(W * H).fill(250)
    // 2 px thick, one row lower every 40 px (1.4°): no straight run is longer than 40 px
    for (let x = 20; x < 580; x++) { const y = 60 + Math.floor(x / 40); p[y * W + x] = 120; p[(y + 1) * W + x] = 140 }
    // a column rule leaning the other way, one column right every 30 px
    for (let y = 20; y < 180; y++) p[y * W + 300 + Math.floor(y / 30)] = 125
    // digits beside the rules: a 3×12 stroke and a 10×10 blob
    for (let y = 100; y < 112; y++) for (let x = 100; x < 103; x++) p[y * W + x] = 0
    for (let y = 120; y < 130; y++) for (let x = 400; x < 410; x++) p[y * W + x] = 0
    removeRuleLines(p, W, H, 50)
    for (let x = 20; x < 580; x++) {
      const y = 60 + Math.floor(x / 40)
      if (Math.abs(x - 300 - Math.floor(y / 30)) > 1) expect([x, p[y * W + x], p[(y + 1) * W + x]]).toEqual([x, 255, 255])
    }
    for (let y = 20; y < 180; y++) expect(p[y * W + 300 + Math.floor(y / 30)]).toBe(255)
    expect(p[105 * W + 101]).toBe(0)
    expect(p[125 * W + 405]).toBe(0)
  })

  it('keeps a long stroke that climbs too steeply for a rule (a slash, a chart line)', () => {
    const W = 300, H = 200
    const p = new Uint8Array(W * H).fill(255)
    for (let x = 20; x < 280; x++) p[(20 + Math.floor(x / 2)) * W + x] = 0
    expect(removeRuleLines(p, W, H, 50)).toBe(0)
  })
})
