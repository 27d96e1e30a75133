import sharp from 'sharp'

const COARSE = [-4, -3, -2, -1, 0, 1, 2, 3, 4]
const THUMB_WIDTH = 600
const INK = 128

const raw = (w: number, h: number) => ({ raw: { width: w, height: h, channels: 1 as const } })

/**
 * How sharply text rows stand out when the ink is sheared by `angle` degrees (y + x·tan angle): high when that
 * angle levels the lines. A shear is the small-angle rotation, and it moves only the ink pixels, so no image is
 * rotated per trial angle.
 */
function rowSharpness(xs: Int32Array, ys: Int32Array, w: number, h: number, angle: number): number {
  const t = Math.tan((angle * Math.PI) / 180)
  const lift = Math.ceil(Math.abs(t) * w) + 1
  const rows = new Int32Array(h + 2 * lift + 1)
  for (let i = 0; i < xs.length; i++) rows[Math.round(ys[i]! + lift + (xs[i]! - w / 2) * t)]!++
  let score = 0
  for (let y = 1; y < rows.length; y++) score += (rows[y]! - rows[y - 1]!) ** 2
  return score
}

/** The rotation in degrees (±4, in half degrees; positive is clockwise) that levels the text lines of a grey page. */
export async function skewAngle(page: Uint8Array, w: number, h: number): Promise<number> {
  const tw = Math.min(THUMB_WIDTH, w)
  const th = Math.max(1, Math.round((h * tw) / w))
  const thumb = tw === w ? page : await sharp(page, raw(w, h)).resize(tw, th, { fit: 'fill' }).extractChannel(0).raw().toBuffer()
  let n = 0
  for (let i = 0; i < tw * th; i++) if (thumb[i]! < INK) n++
  const xs = new Int32Array(n), ys = new Int32Array(n)
  for (let y = 0, k = 0; y < th; y++) for (let x = 0; x < tw; x++) if (thumb[y * tw + x]! < INK) { xs[k] = x; ys[k++] = y }
  let best = { angle: 0, score: -1 }
  const tryAngle = (angle: number): void => {
    const score = rowSharpness(xs, ys, tw, th, angle)
    // level wins ties: rotating a straight page only blurs it
    if (score > best.score * (angle === 0 ? 1 : 1.02)) best = { angle, score }
  }
  for (const angle of COARSE) tryAngle(angle)
  const coarse = best.angle
  for (const angle of [coarse - 0.5, coarse + 0.5]) tryAngle(angle)
  return best.angle
}

/**
 * Levels a page photographed or scanned a few degrees off (±4°) by the projection-profile angle of skewAngle, on a
 * white background. Tesseract reads tilted Chinese lines poorly and splits a label from its amount.
 */
export async function levelPage(page: Uint8Array, w: number, h: number): Promise<{ data: Uint8Array; w: number; h: number }> {
  const angle = await skewAngle(page, w, h)
  if (angle === 0) return { data: page, w, h }
  const { data, info } = await sharp(page, raw(w, h)).rotate(angle, { background: '#ffffff' }).extractChannel(0).raw().toBuffer({ resolveWithObject: true })
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), w: info.width, h: info.height }
}
