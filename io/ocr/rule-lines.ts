/**
 * Whitens long, thin, straight dark runs (table rules, box borders, underlines) in a 1-channel raw image, in place.
 * Tesseract's layout analysis treats a ruled table as a picture and drops its cells; without the rules it reads
 * them as text columns. A run counts as a rule when it is far longer than any glyph stroke and light on both
 * sides (so dark backgrounds, chat bubbles and photo borders are left alone).
 */
export function removeRuleLines(pixels: Uint8Array, width: number, height: number, minRun: number, dark = 110): number {
  const src = Uint8Array.from(pixels)
  const gap = 6
  let cleared = 0
  // one pass per direction: `step` walks along the run, `side` jumps to the pixels beside it
  const scan = (lines: number, length: number, first: (o: number) => number, step: number, side: number, sideOk: (o: number) => boolean): void => {
    for (let o = 0; o < lines; o++) {
      const base = first(o)
      const hasSides = sideOk(o)
      let start = -1
      for (let i = 0; i <= length; i++) {
        const isDark = i < length && src[base + i * step]! < dark
        if (isDark) { if (start < 0) start = i; continue }
        if (start >= 0 && i - start >= minRun) {
          let thin = 0
          for (let k = start; k < i; k++) {
            const p = base + k * step
            if (hasSides && src[p - side]! >= dark && src[p + side]! >= dark) thin++
          }
          if (thin > 0.7 * (i - start)) {
            for (let k = start; k < i; k++) pixels[base + k * step] = 255
            cleared += i - start
          }
        }
        start = -1
      }
    }
  }
  scan(height, width, y => y * width, 1, gap * width, y => y >= gap && y < height - gap)
  scan(width, height, x => x, width, gap, x => x >= gap && x < width - gap)
  return cleared
}
