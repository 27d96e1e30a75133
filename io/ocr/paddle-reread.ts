import type { LineStrip } from './paddle-crop.js'
import { inkThreshold } from './paddle-ink.js'
import { emissionCentre, MIN_SPACE_PROBABILITY, type Emission } from './paddle-rec.js'
import { endsCodeWord, findBars, romanIs, setApartAsSuffix, type Bar } from './paddle-strokes.js'

/**
 * Whether a reading that ends in a Latin letter or digit left ink out at the end of its strip: text past three
 * quarters of a line height beyond the last character read (thin strokes, "PM-487 III" read as "PM-487", which a
 * wider strip reads). Ink is what is darker than
 * halfway between the strip's paper and ink in the middle half of its height, over at least a twentieth of its height.
 */
export function unreadInkAtEnd(kept: readonly Emission[], strip: LineStrip, stepWidth: number): boolean {
  const last = kept[kept.length - 1]
  if (!last || !/^[A-Za-z0-9]$/.test(last.char)) return false
  const from = Math.ceil(emissionCentre(last, stepWidth) + 0.75 * strip.height)
  if (from >= strip.width) return false
  const threshold = inkThreshold(strip.data)
  if (threshold === null) return false
  let columns = 0
  for (let x = from; x < strip.width; x++) {
    let dark = false
    for (let y = Math.round(strip.height / 4); y < Math.round((3 * strip.height) / 4) && !dark; y++) dark = strip.data[y * strip.width + x]! < threshold
    if (dark) columns++
  }
  return columns >= strip.height / 20
}

/** Rows of a bar's ink, top to bottom, within its columns. */
function inkRows(strip: LineStrip, bar: Bar, threshold: number): [number, number] | null {
  let top = -1, bottom = -1
  for (let y = 0; y < strip.height; y++) {
    for (let x = bar.x0; x < bar.x1; x++) if (strip.data[y * strip.width + x]! < threshold) { if (top < 0) top = y; bottom = y; break }
  }
  return top < 0 ? null : [top, bottom]
}

/** Whether ink lies beside a bar's foot (its bottom quarter) on one side only: an L, not an I. */
function hasFoot(strip: LineStrip, bar: Bar, threshold: number): boolean {
  const rows = inkRows(strip, bar, threshold)
  if (!rows) return false
  const [top, bottom] = rows
  const w = bar.x1 - bar.x0, y0 = Math.round(bottom - (bottom - top) / 4)
  const inked = (c0: number, c1: number): boolean => {
    for (let y = y0; y <= bottom; y++) for (let x = Math.max(0, c0); x < Math.min(strip.width, c1); x++) if (strip.data[y * strip.width + x]! < threshold) return true
    return false
  }
  return inked(bar.x0 - w - 1, bar.x0 - 1) !== inked(bar.x1 + 1, bar.x1 + w + 1)
}

/**
 * A Roman suffix (I, II, III) the recogniser dropped at the end of its strip, where even a wider strip reads nothing
 * ("Edan XD-847" for Edan XD-847 III): after a word that holds a letter, a word space, then one to three bars with
 * neither a 1's flag nor an L's foot, and no ink after them. Returns the strokes as I's after a space, or null.
 */
export function strokesLeftUnread(kept: readonly Emission[], strip: LineStrip, stepWidth: number): Emission[] | null {
  const last = kept[kept.length - 1]
  // after a stroke read, the rest of its run is recountStrokeRuns's to count
  if (!last || !/^[A-Za-z0-9]$/.test(last.char) || /^[1Il]$/.test(last.char) || !endsCodeWord(kept, kept.length, kept.length - 1, MIN_SPACE_PROBABILITY)) return null
  const from = emissionCentre(last, stepWidth)
  const bars = findBars(strip, from, strip.width, true)
  if (bars === null || bars.length > 3 || bars.some(b => b.flag)) return null
  const threshold = inkThreshold(strip.data)
  if (threshold === null || bars.some(b => hasFoot(strip, b, threshold))) return null
  const middle = (x: number): boolean => {
    for (let y = Math.round(strip.height / 4); y < Math.round((3 * strip.height) / 4); y++) if (strip.data[y * strip.width + x]! < threshold) return true
    return false
  }
  // a word space before the strokes, wider than the blanks between them, and nothing after them
  let space = 0
  for (let x = bars[0]!.x0 - 1; x > from && !middle(x); x--) space++
  if (!setApartAsSuffix(bars, space, strip)) return null
  for (let x = bars[bars.length - 1]!.x1 + 1; x < strip.width; x++) if (middle(x)) return null
  return romanIs(bars, stepWidth, 0.5)
}
