import type { LineStrip } from './paddle-crop.js'
import { inkThreshold } from './paddle-ink.js'
import { emissionCentre, type Emission } from './paddle-rec.js'

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
