import { describe, expect, it } from 'vitest'
import type { LineStrip } from './paddle-crop.js'
import { splitGluedRomans } from './paddle-glued-roman.js'
import { spacedText, type Emission } from './paddle-rec.js'

type Rect = [number, number, number, number]

/** Ink rectangles [x0, x1) × [y0, y1) on a light strip 48 px high (grey 0.8 paper, 0.1 ink). */
function strip(width: number, shapes: readonly Rect[]): LineStrip {
  const data = new Float32Array(48 * width).fill(0.8)
  for (const [x0, x1, y0, y1] of shapes) for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data[y * width + x] = 0.1
  return { data, width, height: 48 }
}

const [TOP, BOTTOM] = [10, 40]
/** A letter (a full block), a hyphen, a digit drawn as a ring (0, 9), and a stroke with or without a 1's flag. */
const letter = (x: number): Rect[] => [[x, x + 14, TOP, BOTTOM]]
const hyphen = (x: number): Rect[] => [[x, x + 8, 24, 27]]
const ring = (x: number): Rect[] => [[x, x + 3, TOP, BOTTOM], [x + 11, x + 14, TOP, BOTTOM], [x, x + 14, TOP, TOP + 3], [x, x + 14, BOTTOM - 3, BOTTOM]]
const one = (x: number): Rect[] => [[x, x + 4, TOP, BOTTOM], [x - 5, x, TOP, TOP + 4]]
const stroke = (x: number): Rect[] => [[x, x + 4, TOP, BOTTOM]]

/** Emissions at output steps of 8 px: each character at the step of the x given. */
const at = (char: string, x: number, p = 0.99): Emission => ({ char, first: Math.floor(x / 8), last: Math.floor(x / 8), p, space: 0 })
const read = (kept: Emission[], s: LineStrip): string => spacedText(splitGluedRomans(kept, s, 8, 0.01), 0.01)

/** "SH-109" with its 1 drawn as a digit, then what follows from x 110. */
const code = (...after: Rect[][]): LineStrip => strip(180, [...letter(4), ...letter(24), ...hyphen(44), ...one(60), ...ring(72), ...ring(92), ...after.flat()])
const emitted = (...after: Emission[]): Emission[] => [at('S', 8), at('H', 28), at('-', 46), at('1', 62), at('0', 78), at('9', 98), ...after]

describe('a Roman suffix read as 1s glued to the digits of a code', () => {
  it('is set apart as I-strokes when the strip shows a word space and strokes without a 1\'s flag', () => {
    const s = code(stroke(124), stroke(138))
    expect(read(emitted(at('1', 126, 0.79), at('1', 140, 0.44)), s)).toBe('SH-109 II')
    // three strokes the recogniser read as "1I1" after the 9
    expect(read(emitted(at('1', 122, 0.39), at('I', 130, 0.65), at('1', 144, 0.89)), code(stroke(124), stroke(138), stroke(152)))).toBe('SH-109 III')
  })

  it('keeps the digits of the number before the space', () => {
    const s = code(one(114), stroke(140), stroke(154))
    expect(read(emitted(at('1', 116, 0.99), at('1', 142, 0.62), at('1', 156, 0.49)), s)).toBe('SH-1091 II')
  })

  it('leaves digit 1s alone: drawn with a flag, at letter spacing, read with certainty, or followed by more of the word', () => {
    expect(read(emitted(at('1', 126, 0.79), at('1', 140, 0.44)), code(one(124), one(138)))).toBe('SH-10911')
    expect(read(emitted(at('1', 112, 0.79), at('1', 120, 0.44)), code(stroke(110), stroke(118)))).toBe('SH-10911')
    expect(read(emitted(at('1', 126), at('1', 140)), code(stroke(124), stroke(138)))).toBe('SH-10911')
    expect(read(emitted(at('1', 126, 0.79), at('1', 140, 0.44), at('A', 160)), code(stroke(124), stroke(138), letter(156)))).toBe('SH-10911A')
    // a run that starts at a 1 the space class set apart is no glued run, nor is its second 1 one
    expect(read(emitted({ ...at('1', 126, 0.79), space: 0.05 }, at('1', 140, 0.44)), code(stroke(124), stroke(138)))).toBe('SH-109 11')
  })
})
