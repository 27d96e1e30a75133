import { toLuma } from './grey-levels.js'
import { cellBlobs } from './cell-blobs.js'

type Box = { x0: number; y0: number; x1: number; y1: number }

/**
 * Seal ink as the camera or renderer leaves it, not only its saturated middle: the dark-red rim where the ring's
 * edge is blended with shadow (134,78,78), the pink fringe, a seal washed out by downscaling and JPEG (140,115,115)
 * and the whole seal under dim light (R 120–160). Text under a seal stays: black text blended with red ink is dark
 * in red too (R below 100) or barely red (75,46,46; 103,84,84).
 */
const isSealInk = (r: number, g: number, b: number): boolean => r - Math.max(g, b) >= (r >= 130 ? 15 : 25) && r >= 100
/**
 * What finds a seal: red ink clearly redder than a warm paper cast (240,215,200) or a pink fringe. A seal photographed
 * in the shade or washed out is missed by the shared findSeals, which needs bright saturated red.
 */
const isSealCore = (r: number, g: number, b: number): boolean => r >= 100 && r - Math.max(g, b) >= Math.max(20, 0.15 * r)

const CELL = 4

/**
 * Where the seals are: blobs of cells holding seal core ink (after a dilation by two cells, which joins a thin ring
 * and its inscription), about as tall as wide, at least 1/20 and at most half of the page wide. A line printed in red
 * is a wide, short blob; a red banner or a warm cast over the whole photo too large.
 */
export function findSealBoxes(data: Uint8Array, channels: number, width: number, height: number): Box[] {
  const cw = Math.ceil(width / CELL), ch = Math.ceil(height / CELL)
  const grownMask = new Uint8Array(cw * ch)
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
    const i = (y * width + x) * channels
    if (!isSealCore(data[i]!, data[i + 1]!, data[i + 2]!)) continue
    const cx = Math.floor(x / CELL), cy = Math.floor(y / CELL)
    for (let ny = Math.max(0, cy - 2); ny <= Math.min(ch - 1, cy + 2); ny++) {
      for (let nx = Math.max(0, cx - 2); nx <= Math.min(cw - 1, cx + 2); nx++) grownMask[ny * cw + nx] = 1
    }
  }
  const boxes = cellBlobs(grownMask, cw, ch)
  const minSide = Math.max(10, Math.round(cw / 20)), maxSide = Math.round(cw / 2)
  return boxes
    .filter(b => { const w = b.x1 - b.x0 + 1, h = b.y1 - b.y0 + 1; return w >= minSide && h >= minSide && w <= maxSide && w / h >= 0.5 && w / h <= 2 })
    .map(b => ({ x0: b.x0 * CELL, y0: b.y0 * CELL, x1: Math.min(width, (b.x1 + 1) * CELL), y1: Math.min(height, (b.y1 + 1) * CELL) }))
}

/**
 * A seal in shadow shows its core only where lit; the rest of the ring lies within a quarter of the seal's size
 * around it (seals are round), and only seal-ink pixels of the grown box are touched.
 */
function grown(s: Box, width: number, height: number): Box {
  const m = Math.round(Math.max(s.x1 - s.x0, s.y1 - s.y0) / 4)
  return { x0: Math.max(0, s.x0 - m), y0: Math.max(0, s.y0 - m), x1: Math.min(width, s.x1 + m), y1: Math.min(height, s.y1 + m) }
}

/** Which share of the other pixels near seal ink is darker than the paper under it: text is a minority. */
const PAPER_RANK = 0.75
/** The side of the squares the paper level is taken over: a shadow's edge or a lighting gradient, not a glyph. */
const PAPER_CELL = 16

/** The PAPER_RANK level of some grey values, or null when there are none. */
function paperLevel(values: number[]): number | null {
  if (values.length === 0) return null
  values.sort((a, b) => a - b)
  return values[Math.floor(PAPER_RANK * (values.length - 1))]!
}

/**
 * Grey levels from interleaved RGB(A) pixels for tesseract, with every trace of seal ink inside a seal (findSealBoxes)
 * turned into the paper around it (its level square by square, so a seal half in shadow leaves no disc). The
 * shared greyWithoutSeals whitens only bright saturated red, which leaves the seal's rim and inscription as a grey
 * ring over the total; and on a dim photo its white disc on grey paper becomes, once flattenBackground divides by
 * the local maximum, a grey halo around the seal. Tesseract then reads the digits under it as part of a picture, or
 * drops them (¥713,700.00 read as 13700).
 */
export function greyWithoutSealInk(data: Uint8Array, channels: number, width: number, height: number): Uint8Array {
  const grey = toLuma(data, channels, width, height)
  if (channels < 3) return grey
  for (const found of findSealBoxes(data, channels, width, height)) {
    const s = grown(found, width, height)
    const cols = Math.ceil((s.x1 - s.x0) / PAPER_CELL), rows = Math.ceil((s.y1 - s.y0) / PAPER_CELL)
    const inks: number[][] = []
    const levels: number[] = []
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) {
      const ink: number[] = [], paper: number[] = []
      const cx = s.x0 + c * PAPER_CELL, cy = s.y0 + r * PAPER_CELL
      for (let y = cy; y < Math.min(s.y1, cy + PAPER_CELL); y++) for (let x = cx; x < Math.min(s.x1, cx + PAPER_CELL); x++) {
        const p = y * width + x, i = p * channels
        if (isSealInk(data[i]!, data[i + 1]!, data[i + 2]!)) ink.push(p)
        else paper.push(grey[p]!)
      }
      inks.push(ink)
      levels.push(paperLevel(paper) ?? 0)
    }
    // the lightest of the square and its neighbours: where ink covers the paper, the pixels left are mostly text
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) {
      let level = 0
      for (let nr = Math.max(0, r - 1); nr <= Math.min(rows - 1, r + 1); nr++) {
        for (let nc = Math.max(0, c - 1); nc <= Math.min(cols - 1, c + 1); nc++) level = Math.max(level, levels[nr * cols + nc]!)
      }
      for (const p of inks[r * cols + c]!) grey[p] = level || 255
    }
  }
  return grey
}
