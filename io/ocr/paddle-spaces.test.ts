import { describe, expect, it } from 'vitest'
import type { LineStrip } from './paddle-crop.js'
import { spacedText, type Emission } from './paddle-rec.js'
import { checkWordSpaces } from './paddle-spaces.js'

/**
 * A strip 48 px high with one glyph per character: a block of ink `width` wide at each given x (the emission's step
 * is the glyph's middle, at 8 px per step). Returns the strip and the emissions, `spaceBefore` marking where the
 * recogniser's space class rose.
 */
function line(glyphs: readonly { char: string; x: number; width?: number; spaceBefore?: boolean }[], total: number): { strip: LineStrip; kept: Emission[] } {
  const data = new Float32Array(48 * total).fill(0.85)
  const kept = glyphs.map(g => {
    const w = g.width ?? 10
    for (let y = 12; y < 38; y++) for (let x = g.x; x < g.x + w; x++) data[y * total + x] = 0.1
    const step = Math.floor((g.x + w / 2) / 8)
    return { char: g.char, first: step, last: step, p: 0.99, space: g.spaceBefore ? 0.05 : 0 }
  })
  return { strip: { data, width: total, height: 48 }, kept }
}

/** Glyphs of a code, 10 px wide with `gap` px between them, from x = 4; a wider `at` gap before the index given. */
function code(chars: string, gap: number, wide?: { at: number; gap: number }, spaceAt?: number) {
  let x = 4
  return [...chars].map((char, i) => {
    if (i > 0) x += 10 + (wide?.at === i ? wide.gap : gap)
    return { char, x, spaceBefore: i === spaceAt }
  })
}

const read = ({ strip, kept }: ReturnType<typeof line>): string => spacedText(checkWordSpaces(kept, strip, 8, 0.01), 0.01)

describe('word spaces in a code checked against its blank columns', () => {
  it('keeps a space that sits in a gap wider than the letter spacing (FC-873 V)', () => {
    expect(read(line(code('FC-873V', 4, { at: 6, gap: 16 }, 6), 200))).toBe('FC-873 V')
  })

  it('adds the space of a one-letter suffix set far apart but read glued (JW-277V → JW-277 V)', () => {
    expect(read(line(code('JW-277V', 4, { at: 6, gap: 16 }), 200))).toBe('JW-277 V')
  })

  it('leaves a letter glued at letter spacing (ECG-1212G), and a code too short to know its spacing', () => {
    expect(read(line(code('ECG-1212G', 4), 200))).toBe('ECG-1212G')
    expect(read(line(code('A7V', 4, { at: 2, gap: 16 }), 200))).toBe('A7V')
  })

  it('leaves a letter after a 1 glued, however far from the 1\'s narrow stroke (FVD-6951L)', () => {
    expect(read(line(code('FVD-6951L', 4, { at: 8, gap: 16 }), 200))).toBe('FVD-6951L')
  })
})
