import { describe, expect, it } from 'vitest'
import { convexHull, findTextBoxes, minAreaRect, orderCorners, type Point } from './paddle-boxes.js'

/** A probability map with the given filled rectangles (x0, y0, x1, y1 inclusive) at 0.9, elsewhere 0. */
function map(width: number, height: number, rects: readonly [number, number, number, number][]) {
  const data = new Float32Array(width * height)
  for (const [x0, y0, x1, y1] of rects) for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) data[y * width + x] = 0.9
  return { data, width, height }
}

const bounds = (q: readonly Point[]) => ({
  x0: Math.min(...q.map(p => p[0])), x1: Math.max(...q.map(p => p[0])), y0: Math.min(...q.map(p => p[1])), y1: Math.max(...q.map(p => p[1])),
})

describe('text boxes from the detector map', () => {
  it('finds one box per text line, grown around the shrunk core the model marks', () => {
    const boxes = findTextBoxes(map(200, 100, [[20, 20, 119, 29], [20, 60, 69, 69]]))
    expect(boxes).toHaveLength(2)
    const [a, b] = boxes.map(bounds).sort((p, q) => p.y0 - q.y0)
    // core 100 × 10 (pixel centres 99 × 9): grown by 99·9·1.5 / (2·108) ≈ 6.2 px on every side
    expect(a!.x0).toBeCloseTo(13.8, 0)
    expect(a!.x1).toBeCloseTo(125.2, 0)
    expect(a!.y0).toBeCloseTo(13.8, 0)
    expect(a!.y1).toBeCloseTo(35.2, 0)
    expect(b!.x1 - b!.x0).toBeGreaterThan(49)
  })

  it('drops specks too thin to hold text, and keeps lines apart when a gap separates them', () => {
    expect(findTextBoxes(map(50, 50, [[10, 10, 11, 11]]))).toEqual([])
    expect(findTextBoxes(map(300, 40, [[10, 10, 100, 20], [103, 10, 200, 20]]))).toHaveLength(2)
  })

  it('follows a tilted line with a rotated box, corners in reading order', () => {
    const width = 300, height = 120
    const data = new Float32Array(width * height)
    // a 200 px line rising 20 px, 8 px thick
    for (let x = 50; x < 250; x++) for (let t = 0; t < 8; t++) data[Math.round(80 - (x - 50) * 0.1 + t) * width + x] = 0.8
    const [box] = findTextBoxes({ data, width, height })
    const [tl, tr, br, bl] = box!
    expect(tl[0]).toBeLessThan(tr[0])
    expect(tr[1]).toBeLessThan(tl[1])
    expect(bl[1]).toBeGreaterThan(tl[1])
    expect(br[0]).toBeGreaterThan(bl[0])
    expect((tl[1] - tr[1]) / (tr[0] - tl[0])).toBeCloseTo(0.1, 1)
  })
})

describe('geometry', () => {
  it('hull of a square with inner points is its four corners', () => {
    expect(convexHull([[0, 0], [2, 0], [1, 1], [2, 2], [0, 2], [1, 0]])).toHaveLength(4)
  })

  it('minimum-area rectangle of an axis-aligned rectangle is itself', () => {
    const r = minAreaRect([[0, 0], [10, 0], [10, 4], [0, 4]])
    expect([r.w * r.h, r.cx, r.cy]).toEqual([40, 5, 2])
  })

  it('orders corners top-left, top-right, bottom-right, bottom-left', () => {
    expect(orderCorners([[10, 5], [0, 5], [10, 0], [0, 0]])).toEqual([[0, 0], [10, 0], [10, 5], [0, 5]])
  })
})
