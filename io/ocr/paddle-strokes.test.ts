import { describe, expect, it } from 'vitest'
import type { LineStrip } from './paddle-crop.js'
import { spacedText, type Emission } from './paddle-rec.js'
import { countBars, recountStrokeRuns } from './paddle-strokes.js'

/** Ink rectangles [x0, x1) × [y0, y1) on a light strip 48 px high (grey 0.8 paper, 0.1 ink). */
function strip(width: number, shapes: readonly [number, number, number, number][]): LineStrip {
  const data = new Float32Array(48 * width).fill(0.8)
  for (const [x0, x1, y0, y1] of shapes) for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data[y * width + x] = 0.1
  return { data, width, height: 48 }
}

const TEXT = [10, 40] as const
/** A full-height block (a letter such as E), a hyphen (a short bar at mid height) and a vertical stroke. */
const block = (x: number): [number, number, number, number] => [x, x + 14, TEXT[0], TEXT[1]]
const hyphen = (x: number): [number, number, number, number] => [x, x + 8, 24, 27]
const stroke = (x: number, w = 4): [number, number, number, number] => [x, x + w, TEXT[0], TEXT[1]]

/** Emissions at output steps of 8 px: each character at the step of the x given. */
const at = (char: string, x: number, p = 0.99, space = 0): Emission => ({ char, first: Math.floor(x / 8), last: Math.floor(x / 8), p, space })

describe('vertical bars counted on a strip', () => {
  it('counts three strokes, not the hyphen before them', () => {
    const s = strip(160, [block(4), block(24), hyphen(44), stroke(70), stroke(86), stroke(102)])
    expect(countBars(s, 48, 160)).toBe(3)
  })

  it('gives up on strokes blurred into one wide run of ink', () => {
    const s = strip(160, [block(4), hyphen(44), stroke(70, 22)])
    expect(countBars(s, 48, 160)).toBeNull()
  })

  it('after a word space, starts at the widest blank (not at the right edge of the glyph before)', () => {
    // a "9" whose right side is a stroke of its own at 30..34, then a word space, then two strokes
    const s = strip(120, [[14, 34, TEXT[0], 22], stroke(30), stroke(56), stroke(72)])
    expect(countBars(s, 24, 120, true)).toBe(2)
    expect(countBars(s, 24, 120, false)).toBe(3)
  })
})

describe('stroke runs at the end of a word recounted from the strip', () => {
  const suIII = strip(160, [block(4), block(24), hyphen(44), stroke(70), stroke(86), stroke(102)])
  const read = (kept: Emission[], s: LineStrip): string => spacedText(recountStrokeRuns(kept, s, 8, 0.01), 0.01)

  it('a Roman III the decoder read as II (too few steps for a blank between equal classes)', () => {
    expect(read([at('S', 8), at('U', 28), at('-', 46), at('I', 76, 0.86), at('I', 98, 0.68)], suIII)).toBe('SU-III')
  })

  it('keeps a count the recogniser is sure of', () => {
    expect(read([at('S', 8), at('U', 28), at('-', 46), at('I', 76), at('I', 98)], suIII)).toBe('SU-II')
  })

  it('keeps ones drawn with a flag as digits, reads flagless ones after the hyphen as I, and Ⅱ with an extra stroke as I-strokes', () => {
    // each stroke with a 1's flag: ink left of its top only
    const flagged = strip(160, [block(4), block(24), hyphen(44), ...[70, 86, 102].flatMap(x => [stroke(x), [x - 5, x, TEXT[0], TEXT[0] + 4] as [number, number, number, number]])])
    expect(read([at('S', 8), at('U', 28), at('-', 46), at('1', 76, 0.5), at('1', 98, 0.6)], flagged)).toBe('SU-111')
    expect(read([at('S', 8), at('U', 28), at('-', 46), at('1', 76, 0.5), at('1', 98, 0.6)], suIII)).toBe('SU-III')
    // sure of two 1's, but the two bars have no flag: LZ-II
    const lzII = strip(160, [block(4), block(24), hyphen(44), stroke(70), stroke(86)])
    expect(read([at('L', 8), at('Z', 28), at('-', 46), at('1', 72), at('1', 88)], lzII)).toBe('LZ-II')
    expect(read([at('L', 8), at('Z', 28), at('-', 46), at('1', 72), at('1', 88), at('台', 120)], lzII)).toBe('LZ-11台')
    const ef = strip(160, [block(4), block(24), hyphen(44), block(60), stroke(90), stroke(106)])
    expect(read([at('E', 8), at('F', 28), at('-', 46), at('9', 64), at('Ⅱ', 92, 0.88), at('I', 108, 0.46)], ef)).toBe('EF-9II')
  })

  it('reads flagless 1\'s set a word space after the code\'s digits as I (PDG-406 11 for PDG-406 III), but not a count with its unit', () => {
    const spacedStrokes = strip(160, [block(4), block(24), hyphen(44), block(60), stroke(90), stroke(106)])
    const su9 = [at('S', 8), at('U', 28), at('-', 46), at('9', 72)]
    expect(read([...su9, at('1', 92, 0.99, 0.05), at('1', 108)], spacedStrokes)).toBe('SU-9 II')
    expect(read([...su9, at('1', 92, 0.99, 0.05), at('1', 108), at('台', 140)], spacedStrokes)).toBe('SU-9 11台')
    const flagged = strip(160, [block(4), block(24), hyphen(44), block(60), ...[90, 106].flatMap(x => [stroke(x), [x - 5, x, TEXT[0], TEXT[0] + 4] as [number, number, number, number]])])
    expect(read([...su9, at('1', 92, 0.99, 0.05), at('1', 108)], flagged)).toBe('SU-9 11')
  })

  it('leaves a date, a number glued to digits, and a run followed by more letters alone', () => {
    const s = strip(160, [block(4), block(24), hyphen(44), stroke(70), stroke(86), stroke(102)])
    expect(read([at('2', 8), at('0', 28), at('-', 46), at('1', 76, 0.5), at('1', 98, 0.5)], s)).toBe('20-11')
    expect(read([at('S', 8), at('6', 28), at('5', 46), at('1', 76, 0.5)], s)).toBe('S651')
    expect(read([at('S', 8), at('U', 28), at('-', 46), at('I', 76, 0.6), at('I', 90, 0.6), at('X', 104)], s)).toBe('SU-IIX')
  })
})
