import { toLuma } from './grey-levels.js'
import { cellBlobs } from './cell-blobs.js'

/** Red ink of any shade: seals, stamps, and totals or headings printed in red. */
const isRed = (r: number, g: number, b: number): boolean => r >= 150 && r - Math.max(g, b) > 40

const CELL = 4

type Box = { x0: number; y0: number; x1: number; y1: number }

/** 8-connected blobs of red cells (after a small dilation) as boxes in cell units. */
function redBlobs(mask: Uint8Array, cw: number, ch: number): Box[] {
  const grown = new Uint8Array(mask.length)
  for (let y = 0; y < ch; y++) for (let x = 0; x < cw; x++) {
    if (!mask[y * cw + x]) continue
    for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) {
      const nx = x + dx, ny = y + dy
      if (nx >= 0 && ny >= 0 && nx < cw && ny < ch) grown[ny * cw + nx] = 1
    }
  }
  return cellBlobs(grown, cw, ch)
}

/**
 * Where the company seals (公章) are: red blobs about as tall as they are wide and at least 1/20 of the page
 * wide. A total printed in red is a wide, short blob and is left alone; so is a red banner.
 */
export function findSeals(rgb: Uint8Array, channels: number, width: number, height: number): Box[] {
  const cw = Math.ceil(width / CELL), ch = Math.ceil(height / CELL)
  const mask = new Uint8Array(cw * ch)
  for (let cy = 0; cy < ch; cy++) for (let cx = 0; cx < cw; cx++) {
    const i = (Math.min(height - 1, cy * CELL + 1) * width + Math.min(width - 1, cx * CELL + 1)) * channels
    if (isRed(rgb[i]!, rgb[i + 1]!, rgb[i + 2]!)) mask[cy * cw + cx] = 1
  }
  const minSide = Math.max(10, Math.round(cw / 20))
  return redBlobs(mask, cw, ch)
    .filter(b => { const w = b.x1 - b.x0 + 1, h = b.y1 - b.y0 + 1; return w >= minSide && h >= minSide && w / h >= 0.5 && w / h <= 2 })
    .map(b => ({ x0: b.x0 * CELL, y0: b.y0 * CELL, x1: Math.min(width, (b.x1 + 1) * CELL), y1: Math.min(height, (b.y1 + 1) * CELL) }))
}

/**
 * Grey levels from interleaved RGB(A) pixels, with the red ink of seals turned white: a seal is often stamped over
 * the total, and in plain greyscale its ink is as dark as the text. Text under the seal is dark red-black (R below
 * 150) and stays; red outside a seal (a total printed in red) stays too.
 */
export function greyWithoutSeals(data: Uint8Array, channels: number, width: number, height: number): Uint8Array {
  const grey = toLuma(data, channels, width, height)
  if (channels < 3) return grey
  for (const s of findSeals(data, channels, width, height)) {
    for (let y = s.y0; y < s.y1; y++) for (let x = s.x0; x < s.x1; x++) {
      const p = y * width + x, i = p * channels
      if (isRed(data[i]!, data[i + 1]!, data[i + 2]!)) grey[p] = 255
    }
  }
  return grey
}
