import type { LineStrip } from './paddle-crop.js'
import { emissionCentre, type Emission } from './paddle-rec.js'
import { endsCodeWord, findBars, nextGlyphAt, romanIs, setApartAsSuffix, SURE, type Bar } from './paddle-strokes.js'

/**
 * Columns clear of ink just left of column x, back to `from`, in the middle half of the height (clear of table rules
 * above and below). Ink here is only what is well darker than paper (a third of the way from ink to paper), so that
 * a blurred page's grey halo does not close the gap.
 */
function blankBefore(strip: LineStrip, from: number, x: number): number {
  const y0 = Math.round(strip.height / 4), y1 = Math.round((3 * strip.height) / 4), x0 = Math.max(0, Math.floor(from))
  const values: number[] = []
  for (let y = y0; y < y1; y++) for (let c = x0; c < x; c++) values.push(strip.data[y * strip.width + c]!)
  const sorted = Float32Array.from(values).sort()
  const ink = sorted[Math.floor(sorted.length * 0.02)]!, paper = sorted[Math.floor(sorted.length * 0.9)]!
  const dark = ink + (paper - ink) / 3
  let n = 0
  for (let c = x - 1; c >= x0; c--, n++) for (let y = y0; y < y1; y++) if (strip.data[y * strip.width + c]! < dark) return n
  return n
}

/**
 * One run of 1's glued to digits, [start, end], as number and Roman suffix when the strip shows one: a word space
 * after the number and then one to three bars without a 1's flag, the recogniser unsure of a stroke. Null otherwise
 * (a digit 1 keeps its flag; one printed in the number sits at letter spacing).
 */
function splitRun(kept: readonly Emission[], start: number, end: number, strip: LineStrip, stepWidth: number, minSpace: number): Emission[] | null {
  const run = kept.slice(start, end + 1)
  if (!run.some(e => e.p < SURE) || !endsCodeWord(kept, start, end, minSpace)) return null
  const centre = (e: Emission): number => emissionCentre(e, stepWidth)
  const from = centre(kept[start - 1]!)
  const bars = findBars(strip, from, nextGlyphAt(kept[end + 1], strip, centre), true)
  if (bars === null || bars.length > 3 || bars.length > run.length + 1 || bars.some(b => b.flag)) return null
  const space = blankBefore(strip, from, bars[0]!.x0)
  if (!setApartAsSuffix(bars, space, strip)) return null
  // 1's of the number before the space: bars past the glyph before the run (its own right side may show as one)
  const spaceAt = bars[0]!.x0 - space
  const all = findBars(strip, from, nextGlyphAt(kept[end + 1], strip, centre))
  const ones = all === null ? null : all.filter(b => (b.x0 + b.x1) / 2 >= from + 0.3 * strip.height && b.x1 <= spaceAt)
  const digits = ones?.length ?? run.length - bars.length
  if (digits < 0 || digits + bars.length > run.length + 1) return null
  const p = Math.min(...run.map(e => e.p))
  // each at the step of its bar, so that later checks on the strip find the glyphs where they are
  const at = (b: Bar | undefined, k: number): Pick<Emission, 'first' | 'last'> => {
    const step = b ? Math.floor((b.x0 + b.x1) / 2 / stepWidth) : run[Math.min(k, run.length - 1)]!.first
    return { first: step, last: step }
  }
  return [
    ...Array.from({ length: digits }, (_, k) => ({ char: '1', ...at(ones?.[k], k), p: run[Math.min(k, run.length - 1)]!.p, space: 0 })),
    ...romanIs(bars, stepWidth, p),
  ]
}

/**
 * The emissions with a Roman suffix that the recogniser read as 1's glued to a code's digits ("SH-10911" for
 * SH-109 II, "XHD-775111" for XHD-775 III) set apart as I's after a space, where the strip shows the word space and
 * flagless strokes (see splitRun). The space class gives no hint there, and a tabular digit 1 sits as far from its
 * neighbours as a narrow word space, so the 1's flag is what tells them apart. `minSpace` as for spacedText.
 */
export function splitGluedRomans(kept: readonly Emission[], strip: LineStrip, stepWidth: number, minSpace: number): Emission[] {
  const out: Emission[] = []
  let i = 0
  while (i < kept.length) {
    const e = kept[i]!
    // the run starts at the first 1 after another digit: the number's own 1's in it are found on the strip
    const glued = e.char === '1' && e.space < minSpace && /^[02-9]$/.test(kept[i - 1]?.char ?? '')
    let j = i
    while (glued && j + 1 < kept.length && /^[1Il]$/.test(kept[j + 1]!.char) && kept[j + 1]!.space < minSpace) j++
    const split = glued ? splitRun(kept, i, j, strip, stepWidth, minSpace) : null
    out.push(...(split ?? kept.slice(i, j + 1)))
    i = j + 1
  }
  return out
}
