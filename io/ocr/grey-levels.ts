/**
 * Grey levels from interleaved RGB(A) pixels, with bright red turned white: a red company seal (公章) is often
 * stamped over the total, and in plain greyscale its ink is as dark as the text. Text under the seal is dark
 * red-black, not bright red, so it survives.
 */
export function greyWithoutSeals(data: Uint8Array, channels: number, pixels: number): Uint8Array {
  if (channels < 3) return channels === 1 ? data : Uint8Array.from({ length: pixels }, (_, p) => data[p * channels]!)
  const grey = new Uint8Array(pixels)
  for (let i = 0, p = 0; p < pixels; i += channels, p++) {
    const r = data[i]!, g = data[i + 1]!, b = data[i + 2]!
    grey[p] = r > 140 && r - Math.max(g, b) > 60 ? 255 : (299 * r + 587 * g + 114 * b) / 1000
  }
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
