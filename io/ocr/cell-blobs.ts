/** A box in cell units, inclusive on every side. */
export type CellBox = { x0: number; y0: number; x1: number; y1: number }

/**
 * The 8-connected blobs of the cells set to 1 in a `cw` × `ch` grid, as boxes in cell units. Marks the cells it
 * visits (2) in place, so the caller hands it a mask of its own.
 */
export function cellBlobs(mask: Uint8Array, cw: number, ch: number): CellBox[] {
  const boxes: CellBox[] = []
  const stack: number[] = []
  for (let start = 0; start < mask.length; start++) {
    if (mask[start] !== 1) continue
    const box = { x0: cw, y0: ch, x1: 0, y1: 0 }
    mask[start] = 2
    stack.push(start)
    while (stack.length > 0) {
      const i = stack.pop()!
      const x = i % cw, y = (i - x) / cw
      box.x0 = Math.min(box.x0, x); box.y0 = Math.min(box.y0, y); box.x1 = Math.max(box.x1, x); box.y1 = Math.max(box.y1, y)
      for (let ny = Math.max(0, y - 1); ny <= Math.min(ch - 1, y + 1); ny++) for (let nx = Math.max(0, x - 1); nx <= Math.min(cw - 1, x + 1); nx++) {
        const n = ny * cw + nx
        if (mask[n] === 1) { mask[n] = 2; stack.push(n) }
      }
    }
    boxes.push(box)
  }
  return boxes
}
