/** A point in pixels, and a text box as its four corners: top-left, top-right, bottom-right, bottom-left. */
export type Point = [number, number]
export type Quad = [Point, Point, Point, Point]

/** The probability map of PP-OCR's detector, one value per input pixel. */
export type ProbMap = { data: Float32Array; width: number; height: number }

/** The map is thresholded this low (as @gutenye/ocr-common does): the boxes then cover whole glyphs, accents included. */
const THRESHOLD = 0.03
/** DB post-processing: each box is grown by area × ratio / perimeter, its shrunk core being what the model marks. */
const UNCLIP_RATIO = 1.5
const MIN_SIDE = 3

/**
 * Text boxes from the detector's map (DB post-processing): 8-connected regions above the threshold, each region's
 * minimum-area rectangle grown by the unclip distance, in the map's pixels. Replaces OpenCV's findContours +
 * minAreaRect + Clipper offset, which for a rectangle grown with round joins give the same rectangle.
 */
export function findTextBoxes(map: ProbMap, threshold = THRESHOLD): Quad[] {
  const { width, height } = map
  const label = new Int32Array(width * height)
  const boxes: Quad[] = []
  const stack: number[] = []
  let next = 0
  for (let start = 0; start < label.length; start++) {
    if (label[start] !== 0 || map.data[start]! <= threshold) continue
    next++
    // per row, the leftmost and rightmost pixel of the region: their convex hull is the region's
    const rows = new Map<number, [number, number]>()
    label[start] = next
    stack.push(start)
    while (stack.length > 0) {
      const p = stack.pop()!
      const x = p % width, y = (p - x) / width
      const span = rows.get(y)
      if (!span) rows.set(y, [x, x])
      else { if (x < span[0]) span[0] = x; if (x > span[1]) span[1] = x }
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy
        if (ny < 0 || ny >= height) continue
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx
          const q = ny * width + nx
          if (nx < 0 || nx >= width || label[q] !== 0 || map.data[q]! <= threshold) continue
          label[q] = next
          stack.push(q)
        }
      }
    }
    const points: Point[] = []
    for (const [y, [x0, x1]] of rows) points.push([x0, y], [x1, y])
    const box = boxFromPoints(points)
    if (box) boxes.push(box)
  }
  return boxes
}

function boxFromPoints(points: readonly Point[]): Quad | null {
  const rect = minAreaRect(convexHull(points))
  if (Math.min(rect.w, rect.h) < MIN_SIDE) return null
  const d = (rect.w * rect.h * UNCLIP_RATIO) / (2 * (rect.w + rect.h))
  const grown = { ...rect, w: rect.w + 2 * d, h: rect.h + 2 * d }
  if (Math.min(grown.w, grown.h) < MIN_SIDE + 2) return null
  return orderCorners(corners(grown))
}

type Rect = { cx: number; cy: number; w: number; h: number; ux: number; uy: number }

/** Andrew's monotone chain; collinear points dropped. */
export function convexHull(points: readonly Point[]): Point[] {
  const p = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1])
  if (p.length < 3) return p
  const cross = (o: Point, a: Point, b: Point): number => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
  const half = (list: readonly Point[]): Point[] => {
    const h: Point[] = []
    for (const q of list) {
      while (h.length >= 2 && cross(h[h.length - 2]!, h[h.length - 1]!, q) <= 0) h.pop()
      h.push(q)
    }
    h.pop()
    return h
  }
  return [...half(p), ...half([...p].reverse())]
}

/** Rotating calipers: the smallest rectangle has a side along one of the hull's edges. */
export function minAreaRect(hull: readonly Point[]): Rect {
  let best: Rect = { cx: hull[0]?.[0] ?? 0, cy: hull[0]?.[1] ?? 0, w: 0, h: 0, ux: 1, uy: 0 }
  let bestArea = Infinity
  for (let i = 0; i < hull.length; i++) {
    const a = hull[i]!, b = hull[(i + 1) % hull.length]!
    const len = Math.hypot(b[0] - a[0], b[1] - a[1])
    if (len === 0) continue
    const ux = (b[0] - a[0]) / len, uy = (b[1] - a[1]) / len
    let u0 = Infinity, u1 = -Infinity, v0 = Infinity, v1 = -Infinity
    for (const [x, y] of hull) {
      const u = x * ux + y * uy, v = -x * uy + y * ux
      u0 = Math.min(u0, u); u1 = Math.max(u1, u); v0 = Math.min(v0, v); v1 = Math.max(v1, v)
    }
    const area = (u1 - u0) * (v1 - v0)
    if (area < bestArea) {
      bestArea = area
      const cu = (u0 + u1) / 2, cv = (v0 + v1) / 2
      best = { cx: cu * ux - cv * uy, cy: cu * uy + cv * ux, w: u1 - u0, h: v1 - v0, ux, uy }
    }
  }
  return best
}

function corners(r: Rect): Point[] {
  const ax = (r.ux * r.w) / 2, ay = (r.uy * r.w) / 2
  const bx = (-r.uy * r.h) / 2, by = (r.ux * r.h) / 2
  return [[r.cx - ax - bx, r.cy - ay - by], [r.cx + ax - bx, r.cy + ay - by], [r.cx + ax + bx, r.cy + ay + by], [r.cx - ax + bx, r.cy - ay + by]]
}

/** Top-left, top-right, bottom-right, bottom-left, as PaddleOCR orders a box (the two leftmost points by y, then the two rightmost). */
export function orderCorners(points: readonly Point[]): Quad {
  const p = [...points].sort((a, b) => a[0] - b[0])
  const [tl, bl] = p[0]![1] <= p[1]![1] ? [p[0]!, p[1]!] : [p[1]!, p[0]!]
  const [tr, br] = p[2]![1] <= p[3]![1] ? [p[2]!, p[3]!] : [p[3]!, p[2]!]
  return [tl, tr, br, bl]
}
