import sharp from 'sharp'
import type { Quad } from './paddle-boxes.js'

/** A grey page, one byte per pixel, row by row. */
export type GreyPage = { data: Uint8Array; width: number; height: number }

/** A text line cut out of the page at the recogniser's height: grey levels in 0..1, row by row. */
export type LineStrip = { data: Float32Array; width: number; height: number }

/** PP-OCRv4's recogniser reads lines 48 px high. */
export const LINE_HEIGHT = 48
/** Bounds one strip (a whole-width line at 48 px is ≈ 1,500 px); longer ones are squeezed. */
const MAX_WIDTH = 3200
/** A box this much taller than wide holds vertical text: it is turned to read left to right. */
const VERTICAL = 1.5

const dist = (a: readonly number[], b: readonly number[]): number => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!)

function bilinear(page: GreyPage, x: number, y: number): number {
  const { data, width, height } = page
  const cx = Math.min(Math.max(x, 0), width - 1), cy = Math.min(Math.max(y, 0), height - 1)
  const x0 = Math.floor(cx), y0 = Math.floor(cy)
  const x1 = Math.min(x0 + 1, width - 1), y1 = Math.min(y0 + 1, height - 1)
  const fx = cx - x0, fy = cy - y0
  const top = data[y0 * width + x0]! * (1 - fx) + data[y0 * width + x1]! * fx
  const bottom = data[y1 * width + x0]! * (1 - fx) + data[y1 * width + x1]! * fx
  return top * (1 - fy) + bottom * fy
}

/**
 * The box's content turned upright at its own resolution (bilinear, no scaling): a tilted line becomes level, and a
 * box much taller than wide is turned to read top to bottom, as PaddleOCR's quarter turn does.
 */
export function rectify(page: GreyPage, quad: Quad): GreyPage {
  let [p0, p1, , p3] = quad
  let w = Math.max(dist(quad[0], quad[1]), dist(quad[3], quad[2]))
  let h = Math.max(dist(quad[0], quad[3]), dist(quad[1], quad[2]))
  if (h / Math.max(w, 1) >= VERTICAL) [p0, p1, p3, w, h] = [quad[1], quad[2], quad[0], h, w]
  else if (Math.abs(p1[1] - p0[1]) < 1 && Math.abs(p3[0] - p0[0]) < 1) return copyRect(page, quad)
  const width = Math.max(1, Math.round(w)), height = Math.max(1, Math.round(h))
  const ux = (p1[0] - p0[0]) / width, uy = (p1[1] - p0[1]) / width
  const vx = (p3[0] - p0[0]) / height, vy = (p3[1] - p0[1]) / height
  const data = new Uint8Array(width * height)
  for (let v = 0; v < height; v++) {
    for (let u = 0; u < width; u++) {
      data[v * width + u] = bilinear(page, p0[0] + (u + 0.5) * ux + (v + 0.5) * vx - 0.5, p0[1] + (u + 0.5) * uy + (v + 0.5) * vy - 0.5)
    }
  }
  return { data, width, height }
}

/** A level box copied pixel for pixel: interpolating at fractional offsets would blur it. */
function copyRect(page: GreyPage, quad: Quad): GreyPage {
  const x0 = Math.max(0, Math.round(Math.min(...quad.map(p => p[0])))), y0 = Math.max(0, Math.round(Math.min(...quad.map(p => p[1]))))
  const x1 = Math.min(page.width, Math.round(Math.max(...quad.map(p => p[0])))), y1 = Math.min(page.height, Math.round(Math.max(...quad.map(p => p[1]))))
  const width = Math.max(1, x1 - x0), height = Math.max(1, y1 - y0)
  const data = new Uint8Array(width * height)
  for (let y = 0; y < height; y++) data.set(page.data.subarray((y0 + y) * page.width + x0, (y0 + y) * page.width + x0 + width), y * width)
  return { data, width, height }
}

/**
 * The box as a strip `LINE_HEIGHT` px high, its width keeping the box's aspect, resized with Lanczos: a sharp resize
 * keeps the gaps between words, which the recogniser turns into spaces ("BC-5390 CRP"); an averaging resize
 * blurs them away ("BC-5390CRP"). `stretch` widens it further, giving the recogniser more steps per glyph.
 */
export async function cropLine(page: GreyPage, quad: Quad, stretch = 1): Promise<LineStrip> {
  const upright = rectify(page, quad)
  const width = Math.max(8, Math.min(MAX_WIDTH, Math.ceil((upright.width * LINE_HEIGHT * stretch) / upright.height)))
  const out = await sharp(upright.data, { raw: { width: upright.width, height: upright.height, channels: 1 } })
    .resize(width, LINE_HEIGHT, { fit: 'fill', kernel: 'lanczos3' }).extractChannel(0).raw().toBuffer()
  const data = new Float32Array(width * LINE_HEIGHT)
  for (let i = 0; i < data.length; i++) data[i] = out[i]! / 255
  return { data, width, height: LINE_HEIGHT }
}
