/**
 * Grey levels (Rec. 601 luma) of interleaved pixels with 1–4 channels; a 1-channel image is returned as it is, a
 * 2-channel one (grey + alpha) by its first channel.
 */
export function toLuma(data: Uint8Array, channels: number, width: number, height: number): Uint8Array {
  const pixels = width * height
  if (channels < 3) return channels === 1 ? data : Uint8Array.from({ length: pixels }, (_, p) => data[p * channels]!)
  const grey = new Uint8Array(pixels)
  for (let i = 0, p = 0; p < pixels; i += channels, p++) grey[p] = (299 * data[i]! + 587 * data[i + 1]! + 114 * data[i + 2]!) / 1000
  return grey
}

/**
 * Stretches grey levels so the darkest and lightest 1 % become black and white (pale photos, grey screenshots),
 * in place, and returns the standard deviation before stretching: near zero means a blank page.
 */
export function stretchContrast(grey: Uint8Array): number {
  const hist = new Float64Array(256)
  for (let i = 0; i < grey.length; i++) hist[grey[i]!]!++
  let sum = 0, sumSq = 0
  for (let v = 0; v < 256; v++) { sum += v * hist[v]!; sumSq += v * v * hist[v]! }
  const mean = sum / grey.length
  const stdev = Math.sqrt(Math.max(0, sumSq / grey.length - mean * mean))
  const cut = grey.length * 0.01
  let lo = 0, hi = 255
  for (let acc = 0; lo < 255 && acc + hist[lo]! <= cut; lo++) acc += hist[lo]!
  for (let acc = 0; hi > 0 && acc + hist[hi]! <= cut; hi--) acc += hist[hi]!
  if (hi - lo < 8) return stdev
  const lut = Uint8Array.from({ length: 256 }, (_, v) => Math.min(255, Math.max(0, Math.round(((v - lo) * 255) / (hi - lo)))))
  for (let i = 0; i < grey.length; i++) grey[i] = lut[grey[i]!]!
  return stdev
}

const DARK_BACKGROUND = 110

/** Separable max filter (grey dilation) of radius r on a small 1-channel image. */
function maxFilter(src: Uint8Array, w: number, h: number, r: number): Uint8Array {
  const tmp = new Uint8Array(src.length)
  const out = new Uint8Array(src.length)
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let m = 0
      for (let k = Math.max(0, x - r); k <= Math.min(w - 1, x + r); k++) m = Math.max(m, src[y * w + k]!)
      tmp[y * w + x] = m
    }
  }
  for (let x = 0; x < w; x++) {
    for (let y = 0; y < h; y++) {
      let m = 0
      for (let k = Math.max(0, y - r); k <= Math.min(h - 1, y + r); k++) m = Math.max(m, tmp[k * w + x]!)
      out[y * w + x] = m
    }
  }
  return out
}

/**
 * Divides the page by an estimate of its background (the local maximum over a window wider than any stroke),
 * in place. Grey chat bubbles, shaded table headers, shadows and uneven phone lighting become white while the
 * text stays dark; tesseract otherwise takes a grey box with text in it for a picture and skips it.
 * `shrink` and `grow` resample (sharp); the window is computed at 1/4 scale to stay cheap.
 */
export async function flattenBackground(grey: Uint8Array, w: number, h: number,
  shrink: (img: Uint8Array, w: number, h: number, tw: number, th: number) => Promise<Uint8Array>): Promise<void> {
  const sw = Math.max(1, Math.round(w / 4)), sh = Math.max(1, Math.round(h / 4))
  const small = await shrink(grey, w, h, sw, sh)
  const background = await shrink(maxFilter(small, sw, sh, 5), sw, sh, w, h)
  for (let i = 0; i < grey.length; i++) {
    const bg = background[i]!
    // a dark background is no paper (a desk around a photographed page, a dark banner): dividing by it only
    // turns its texture into speckles that cost tesseract seconds
    if (bg < DARK_BACKGROUND) continue
    grey[i] = grey[i]! >= bg ? 255 : Math.round((grey[i]! * 255) / bg)
  }
}
