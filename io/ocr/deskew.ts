import sharp from 'sharp'

const COARSE = [-4, -3, -2, -1, 0, 1, 2, 3, 4]
const THUMB_WIDTH = 600

const raw = (w: number, h: number) => ({ raw: { width: w, height: h, channels: 1 as const } })

/** How sharply text rows stand out in the horizontal projection: high when the lines are level. */
function rowSharpness(pixels: Uint8Array, w: number, h: number): number {
  let score = 0
  let prev = 0
  for (let y = 0; y < h; y++) {
    let dark = 0
    for (let x = 0; x < w; x++) if (pixels[y * w + x]! < 128) dark++
    score += (dark - prev) ** 2
    prev = dark
  }
  return score
}

async function rotated(img: Uint8Array, w: number, h: number, angle: number): Promise<{ data: Uint8Array; w: number; h: number }> {
  const { data, info } = await sharp(img, raw(w, h)).rotate(angle, { background: '#ffffff' }).extractChannel(0).raw().toBuffer({ resolveWithObject: true })
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), w: info.width, h: info.height }
}

/**
 * Levels a page photographed or scanned a few degrees off (±4°): the angle whose horizontal projection has the
 * sharpest rows wins (projection-profile deskew, measured on a thumbnail). Tesseract reads tilted Chinese lines
 * poorly and splits a label from its amount.
 */
export async function deskew(page: Uint8Array, w: number, h: number): Promise<{ data: Uint8Array; w: number; h: number }> {
  const tw = Math.min(THUMB_WIDTH, w)
  const th = Math.max(1, Math.round((h * tw) / w))
  const thumb = await sharp(page, raw(w, h)).resize(tw, th, { fit: 'fill' }).extractChannel(0).raw().toBuffer()
  let best = { angle: 0, score: -1 }
  const tryAngle = async (angle: number): Promise<void> => {
    const r = angle === 0 ? { data: thumb, w: tw, h: th } : await rotated(thumb, tw, th, angle)
    const score = rowSharpness(r.data, r.w, r.h)
    // level wins ties: rotating a straight page only blurs it
    if (score > best.score * (angle === 0 ? 1 : 1.02)) best = { angle, score }
  }
  for (const angle of COARSE) await tryAngle(angle)
  const coarse = best.angle
  for (const angle of [coarse - 0.5, coarse + 0.5]) await tryAngle(angle)
  return best.angle === 0 ? { data: page, w, h } : rotated(page, w, h, best.angle)
}
