import { describe, expect, it } from 'vitest'
import type { LineStrip } from './paddle-crop.js'
import { spacedText, type Emission } from './paddle-rec.js'
import { strokesLeftUnread, unreadInkAtEnd } from './paddle-reread.js'

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

  /** "XD-847" as blocks (a hyphen at mid height), then what follows from x 120: [x0, x1, y0, y1] rectangles. */
  function code(after: readonly [number, number, number, number][]): LineStrip {
    const data = new Float32Array(48 * 200).fill(0.85)
    const ink = ([x0, x1, y0, y1]: readonly number[]): void => { for (let y = y0!; y < y1!; y++) for (let x = x0!; x < x1!; x++) data[y * 200 + x] = 0.1 }
    for (const x of [4, 22, 54, 72, 90]) ink([x, x + 14, 12, 38])
    ink([40, 48, 24, 27])
    after.forEach(ink)
    return { data, width: 200, height: 48 }
  }
  const xd = [at('X', 1), at('D', 3), at('-', 5), at('8', 7), at('4', 9), at('7', 12)]
  const bar = (x: number): [number, number, number, number] => [x, x + 4, 12, 38]
  const text = (kept: Emission[] | null): string | null => kept && spacedText([...xd, ...kept], 0.01)

  it('reads a Roman suffix dropped at the end of the strip from its strokes (Edan XD-847 III)', () => {
    expect(text(strokesLeftUnread(xd, code([bar(124), bar(136), bar(148)]), 8))).toBe('XD-847 III')
    expect(text(strokesLeftUnread(xd, code([bar(124)]), 8))).toBe('XD-847 I')
  })

  it('leaves strokes that are no I: a 1 with its flag, an L with its foot, strokes at letter spacing, or more ink after them', () => {
    expect(strokesLeftUnread(xd, code([bar(124), [119, 124, 12, 16]]), 8)).toBeNull()
    expect(strokesLeftUnread(xd, code([bar(124), [128, 138, 34, 38]]), 8)).toBeNull()
    expect(strokesLeftUnread(xd, code([bar(108), bar(116)]), 8)).toBeNull()
    expect(strokesLeftUnread(xd, code([bar(124), [150, 164, 12, 38]]), 8)).toBeNull()
    // the last glyph read is a stroke itself: the rest of its run is recounted with it, not added after it
    expect(strokesLeftUnread([...xd.slice(0, 5), at('1', 12)], code([bar(124)]), 8)).toBeNull()
  })
})
