/**
 * Darker than this is part of a rule. A 1 px rule on a photographed or resampled page is blurred to mid-grey
 * (about 120), which tesseract's binarisation still turns black.
 */
const RULE_DARK = 160
/** Pixels of light a rule may break for (a JPEG block, a lighter anti-aliased step) and still be one rule. */
const MAX_GAP = 2
/** The thickest rule, in pixels across; a thicker dark run is a glyph or a picture, not a rule. */
const MAX_THICK = 6
/** How far beside a rule the page must be light, in pixels past its edge. */
const SIDE = 4
/** Past the thickest rule: from any row of a rule, this far across is off it. */
const FAR = MAX_THICK + 1
/** The steepest rule followed, as rise over run: about 6°, past what levelPage leaves of a tilted photo. */
const MAX_SLOPE = 0.1

/**
 * Whitens long, thin, nearly straight dark lines (table rules, box borders, underlines) in a 1-channel raw image, in
 * place, and returns the number of dark pixels whitened. Tesseract's layout analysis treats a ruled table as a picture
 * and drops its cells; without the rules it reads them as text columns. A line is followed pixel by pixel and may
 * step one row (or column) aside at a time, so the rules of a photographed table, which perspective leaves a degree
 * or two off level after levelling, are found as well as straight ones (a straight-run scan sees them broken into
 * pieces ~40 px long). A line counts as a rule when it is at least `minRun` long, far longer than any glyph stroke,
 * and light on both sides for most of its length (so dark backgrounds, chat bubbles and photo borders stay).
 */
export function removeRuleLines(pixels: Uint8Array, width: number, height: number, minRun: number, dark = RULE_DARK): number {
  const src = Uint8Array.from(pixels)
  return followRules(src, pixels, width, height, minRun, dark, true) + followRules(src, pixels, width, height, minRun, dark, false)
}

/**
 * One direction: `u` runs along the rules (x for horizontal ones), `v` across them. A dark pixel with none just
 * before it starts a line, followed forward while a dark pixel lies straight ahead or one step aside, over gaps of
 * at most MAX_GAP.
 */
function followRules(src: Uint8Array, out: Uint8Array, width: number, height: number, minRun: number, dark: number, horizontal: boolean): number {
  const along = horizontal ? width : height
  const across = horizontal ? height : width
  // strides of a step along and a step across
  const su = horizontal ? 1 : width, sv = horizontal ? width : 1
  const ink = new Uint8Array(src.length)
  for (let i = 0; i < src.length; i++) ink[i] = src[i]! < dark ? 1 : 0
  const isDark = (u: number, v: number): boolean => v >= 0 && v < across && ink[u * su + v * sv] === 1
  const path: number[] = []
  let cleared = 0
  for (let v0 = 0; v0 < across; v0++) {
    for (let u0 = 0; u0 < along; u0++) {
      // a line is followed from its first pixel only, not again from each pixel along it
      if (ink[u0 * su + v0 * sv] !== 1 || (u0 > 0 && (isDark(u0 - 1, v0) || isDark(u0 - 1, v0 - 1) || isDark(u0 - 1, v0 + 1)))) continue
      path.length = 0
      path.push(v0)
      let v = v0
      let u = u0 + 1
      // a line through a dark area (a desk around a photographed page, a black banner) is given up early: it
      // cannot be a rule, and following it from every speck of light in the area would cost seconds
      let crowded = 0
      while (u < along) {
        if (isDark(u - 1, v - FAR) || isDark(u - 1, v + FAR)) crowded++
        if (crowded > 0.3 * minRun && crowded > 0.5 * (u - u0)) break
        let next = -1
        let gap = 0
        for (; gap <= MAX_GAP && u + gap < along; gap++) {
          const w = u + gap
          next = isDark(w, v) ? v : isDark(w, v - 1) ? v - 1 : isDark(w, v + 1) ? v + 1 : -1
          if (next >= 0) break
        }
        if (next < 0) break
        for (let k = 0; k < gap; k++) path.push(v)
        v = next
        path.push(v)
        u += gap + 1
      }
      if (path.length < minRun || Math.abs(path[path.length - 1]! - v0) > MAX_SLOPE * path.length) continue
      cleared += clearIfRule(ink, out, path, u0, across, su, sv)
    }
  }
  return cleared
}

/**
 * Whitens a followed line when most of it is thin (a dark run across of at most MAX_THICK with light SIDE pixels
 * past both edges): across its full thickness where it is thin, only the followed pixel where something crosses it.
 */
function clearIfRule(ink: Uint8Array, out: Uint8Array, path: number[], u0: number, across: number, su: number, sv: number): number {
  const isDark = (u: number, v: number): boolean => v >= 0 && v < across && ink[u * su + v * sv] === 1
  const spans: [number, number, boolean][] = []
  let thin = 0
  for (let k = 0; k < path.length; k++) {
    const u = u0 + k, v = path[k]!
    let lo = v, hi = v
    if (isDark(u, v)) {
      while (hi - lo < MAX_THICK && isDark(u, lo - 1)) lo--
      while (hi - lo < MAX_THICK && isDark(u, hi + 1)) hi++
    }
    const isThin = hi - lo < MAX_THICK && lo - SIDE >= 0 && hi + SIDE < across && !isDark(u, lo - SIDE) && !isDark(u, hi + SIDE)
    if (isThin) thin++
    spans.push(isThin ? [lo, hi, true] : [v, v, false])
  }
  if (thin <= 0.7 * path.length) return 0
  let cleared = 0
  for (let k = 0; k < path.length; k++) {
    const [lo, hi, isThin] = spans[k]!
    const u = u0 + k
    for (let v = lo; v <= hi; v++) {
      const p = u * su + v * sv
      if (ink[p] === 1 && out[p] !== 255) { out[p] = 255; cleared++ }
    }
    // the blurred fringe of a thin rule, lighter than `dark` but still a faint line to tesseract
    if (isThin) {
      if (lo > 0) out[u * su + (lo - 1) * sv] = 255
      if (hi + 1 < across) out[u * su + (hi + 1) * sv] = 255
    }
  }
  return cleared
}
