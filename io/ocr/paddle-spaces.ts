import type { LineStrip } from './paddle-crop.js'
import { inkThreshold } from './paddle-ink.js'
import { emissionCentre, type Emission } from './paddle-rec.js'

const WORD = /^[A-Za-z0-9]$/
/** Latin characters, digits and the separators inside a product code: one word for the spacing measure. */
const CODE = /^[A-Za-z0-9\-/._]$/
/** Gaps measured in a word before its median is trusted as the word's letter spacing. */
const MIN_GAPS = 4
/** A word space is at least this much wider than the word's letter spacing, and this share of the strip's height. */
const SPACE_RATIO = 2.5
export const SPACE_MIN = 0.12

/**
 * Blank columns between each pair of neighbouring characters: the longest run of columns with no ink (nothing darker
 * than halfway between paper and ink over the strip's ink rows) between the two characters' centres, in pixels.
 */
export function blankGaps(kept: readonly Emission[], strip: LineStrip, stepWidth: number): number[] {
  const threshold = inkThreshold(strip.data)
  if (threshold === null) return kept.map(() => 0)
  const blank: boolean[] = []
  for (let x = 0; x < strip.width; x++) {
    let clear = true
    for (let y = 0; y < strip.height && clear; y++) clear = strip.data[y * strip.width + x]! >= threshold
    blank.push(clear)
  }
  const centre = (e: Emission): number => Math.min(strip.width, emissionCentre(e, stepWidth))
  return kept.map((e, i) => {
    if (i === 0) return 0
    let longest = 0, run = 0
    for (let x = Math.floor(centre(kept[i - 1]!)); x < Math.ceil(centre(e)); x++) {
      run = blank[x] ? run + 1 : 0
      longest = Math.max(longest, run)
    }
    return longest
  })
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

/**
 * The word space before a single capital that ends a code, which the space class alone often misses ("JW-277V" for
 * JW-277 V, a Roman V after the model number), read from the strip: the gap before the capital is far wider than the
 * code's letter spacing (its median gap, so fonts and scales do not matter), while a letter printed glued (ECG-1212G)
 * sits at letter spacing. Codes too short to know their spacing, and a letter after a 1, are left as read. (Strokes
 * after digits, "WX-89911" for WX-899 II, the gaps alone do not settle, as a tabular 1 sits as far from its neighbours
 * as a narrow word space: paddle-glued-roman.ts adds the 1's flag; nor a space the space class put inside a code,
 * "M LW-526/U": M and L sit that far apart too.)
 * Returns the emissions with `space` set to 1 where the strip shows the space.
 */
export function checkWordSpaces(kept: readonly Emission[], strip: LineStrip, stepWidth: number, minSpace: number): Emission[] {
  const gaps = blankGaps(kept, strip, stepWidth)
  const out = kept.map(e => ({ ...e }))
  let i = 0
  while (i < kept.length) {
    if (!CODE.test(kept[i]!.char)) { i++; continue }
    let j = i
    while (j + 1 < kept.length && CODE.test(kept[j + 1]!.char)) j++
    // [i, j] is a run of code characters; the gaps between them (k = i+1..j) are its letter spacing and its spaces
    const inner = Array.from({ length: j - i }, (_, n) => i + 1 + n)
    for (const k of inner) {
      const others = inner.filter(m => m !== k && kept[m]!.space < minSpace).map(m => gaps[m]!)
      if (others.length < MIN_GAPS) continue
      const spacing = median(others)
      const [a, b] = [kept[k - 1]!, kept[k]!]
      if (!WORD.test(a.char) || !WORD.test(b.char)) continue
      // after a 1 the gap says nothing: the digit is as wide as the others but its ink a narrow stroke, so a letter
      // printed glued to it (FVD-6951L, HVL-4651M) sits as far from its ink as a word space
      if (b.space < minSpace && k === j && /[02-9]/.test(a.char) && /[A-Z]/.test(b.char) &&
        gaps[k]! >= SPACE_RATIO * Math.max(spacing, 1) && gaps[k]! >= SPACE_MIN * strip.height) out[k]!.space = 1
    }
    i = j + 1
  }
  return out
}
