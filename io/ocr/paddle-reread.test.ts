import { describe, expect, it } from 'vitest'
import type { LineStrip } from './paddle-crop.js'
import type { Emission } from './paddle-rec.js'
import { unreadInkAtEnd } from './paddle-reread.js'

describe('ink a reading left out at the end of its strip', () => {
  /** A strip 48 high: blocks of ink at the given columns. */
  function strip(width: number, blocks: readonly [number, number][]): LineStrip {
    const data = new Float32Array(48 * width).fill(0.85)
    for (const [x0, x1] of blocks) for (let y = 12; y < 38; y++) for (let x = x0; x < x1; x++) data[y * width + x] = 0.1
    return { data, width, height: 48 }
  }
  const at = (char: string, step: number): Emission => ({ char, first: step, last: step, p: 0.99, space: 0 })

  it('finds strokes past the last character read, and nothing in the margin after it', () => {
    // "7" read at step 10 (x ≈ 84); three strokes at x 120..150 left unread
    const kept = [at('4', 4), at('8', 7), at('7', 10)]
    expect(unreadInkAtEnd(kept, strip(170, [[30, 44], [54, 68], [78, 92], [120, 124], [132, 136], [144, 148]]), 8)).toBe(true)
    expect(unreadInkAtEnd(kept, strip(170, [[30, 44], [54, 68], [78, 92]]), 8)).toBe(false)
  })
})
