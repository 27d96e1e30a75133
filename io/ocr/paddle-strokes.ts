import type { LineStrip } from './paddle-crop.js'
import { inkThreshold } from './paddle-ink.js'
import { emissionCentre, type Emission } from './paddle-rec.js'
import { SPACE_MIN } from './paddle-spaces.js'

/**
 * Glyphs the recogniser reads a run of vertical strokes as, with the strokes each stands for: a Roman numeral
 * suffix (SU-III, EF-169 II) is a row of bars that CTC decoding miscounts (or reads as 川), since two equal classes in a row need a
 * blank step between them and narrow bars leave too few steps ("SU-II" for SU-III, "EF-169ⅡI" for EF-169 II).
 */
const STROKES: Readonly<Record<string, number>> = { I: 1, l: 1, 1: 1, '|': 1, '!': 1, 'Ⅰ': 1, 'Ⅱ': 2, 'Ⅲ': 3, 川: 3 }
const WORD = /^[A-Za-z0-9]$/
const LETTER = /^[A-Za-z]$/
/** Units a count is written in: "1台" after a code is a quantity, its 1 a digit whatever its shape. */
const HAN = /^\p{Script=Han}$/u
const QUANTITY_UNIT = /^[台套盒个箱支件桶瓶包把只张条份组袋卷片根副辆]$/
/** Above this probability on every glyph of the run the recogniser's count is kept without measuring. */
export const SURE = 0.95
/** A bar is at most this wide against the height of the ink band; wider is two strokes blurred into one, or a letter. */
const MAX_BAR = 0.35

/**
 * Vertical bars of ink whose middle lies in the strip's columns [from, to): runs of columns whose middle rows (the
 * central half of the ink band, below serifs and above the baseline's) are darker than halfway between paper and ink;
 * `afterSpace`, only those after the widest blank in the span (the word space, when `from` is the centre of the glyph
 * before). Null when the span holds no clear ink, or a run of ink too wide to be one stroke (blur joined two, or a
 * letter: no count is better than a guess).
 */
export function countBars(strip: LineStrip, from: number, to: number, afterSpace = false): number | null {
  return findBars(strip, from, to, afterSpace)?.length ?? null
}

/** A stroke's columns, and whether ink leaves its top on the left only: the flag of a digit 1, which an I lacks. */
export type Bar = { x0: number; x1: number; flag: boolean }

/** The bars countBars counts. */
export function findBars(strip: LineStrip, from: number, to: number, afterSpace = false): Bar[] | null {
  // a bar is counted where its middle lies: the ink around the span is scanned too, so that the edge of the glyph
  // before (the right side of a 9) is not cut into a bar of its own
  const margin = strip.height / 4
  const x0 = Math.max(0, Math.floor(from - margin)), x1 = Math.min(strip.width, Math.ceil(to + margin))
  if (x1 - x0 < 2) return null
  const values: number[] = []
  for (let y = 0; y < strip.height; y++) for (let x = x0; x < x1; x++) values.push(strip.data[y * strip.width + x]!)
  const threshold = inkThreshold(values)
  if (threshold === null) return null
  const inkRows: number[] = []
  for (let y = 0; y < strip.height; y++) {
    let dark = false
    for (let x = x0; x < x1 && !dark; x++) dark = strip.data[y * strip.width + x]! < threshold
    if (dark) inkRows.push(y)
  }
  const top = inkRows[0]!, bottom = inkRows[inkRows.length - 1]!
  const band = bottom - top + 1
  const m0 = Math.round(top + band / 4), m1 = Math.max(m0 + 1, Math.round(bottom + 1 - band / 4))
  // ink from the band's top quarter to its bottom quarter in the bar's columns: a stroke, not a hyphen or a dot
  const dark = (a: number, b: number, y0: number, y1: number): boolean => {
    for (let y = y0; y <= y1; y++) for (let x = Math.max(0, a - 1); x <= Math.min(strip.width - 1, b + 1); x++) if (strip.data[y * strip.width + x]! < threshold) return true
    return false
  }
  const quarter = Math.max(1, Math.floor(band / 4))
  const tall = ([a, b]: [number, number]): boolean => dark(a, b, top, top + quarter - 1) && dark(a, b, bottom - quarter + 1, bottom)
  const runs: [number, number][] = []
  for (let x = x0; x < x1; x++) {
    let sum = 0
    for (let y = m0; y < m1; y++) sum += strip.data[y * strip.width + x]!
    if (sum / (m1 - m0) >= threshold) continue
    const last = runs[runs.length - 1]
    if (last && last[1] === x - 1) last[1] = x
    else runs.push([x, x])
  }
  const bars = runs.filter(tall)
  let inside = bars.filter(([a, b]) => (a + b + 1) / 2 >= from && (a + b + 1) / 2 < to)
  if (afterSpace && inside.length > 0) {
    // the strokes start after the word space, the widest blank between the glyph before and the next glyph
    let cut = 0, widest = inside[0]![0] - from
    for (let k = 1; k < inside.length; k++) if (inside[k]![0] - inside[k - 1]![1] > widest) { widest = inside[k]![0] - inside[k - 1]![1]; cut = k }
    inside = inside.slice(cut)
  }
  // a numeral's strokes are evenly spaced: a bar after a blank much wider than those before it belongs to the next glyph
  for (let k = 2; k < inside.length; k++) {
    const gaps = inside.slice(1, k).map(([a], n) => a - inside[n]![1])
    if (inside[k]![0] - inside[k - 1]![1] > 1.6 * Math.max(...gaps) + 1) { inside = inside.slice(0, k); break }
  }
  if (inside.length === 0 || inside.some(([a, b]) => b - a + 1 > MAX_BAR * band)) return null
  // beside the top quarter of the stroke, within a stroke's width, in columns clear of ink at mid height (not the
  // stroke before or after): ink on the left only is a 1's flag; on both sides an I's serifs; on neither a sans-serif I
  const clear = (x: number): boolean => x >= 0 && x < strip.width && !runs.some(([a, b]) => x >= a - 1 && x <= b + 1)
  const beside = (c0: number, c1: number): boolean => {
    for (let x = c0; x <= c1; x++) if (clear(x)) for (let y = top; y < top + quarter; y++) if (strip.data[y * strip.width + x]! < threshold) return true
    return false
  }
  return inside.map(([a, b]) => {
    const w = b - a + 1
    return { x0: a, x1: b + 1, flag: beside(a - w - 1, a - 1) && !beside(b + 1, b + w + 1) }
  })
}

const strokesOf = (run: readonly Emission[]): number => run.reduce((n, e) => n + STROKES[e.char]!, 0)

/**
 * The emissions with each stroke run that ends a Latin word recounted from the image: a run of I, l, 1, |, !, Ⅱ, Ⅲ
 * at the end of a word holding a letter (after its hyphen, after a word space, or glued to digits when a
 * non-digit stroke shows it is no digit: EF-169ⅡI), read with less than full certainty, is replaced by as many
 * strokes as the strip shows bars between the glyph before it and the next glyph — I's, or 1's when the recogniser
 * read digits only. `stepWidth` is the strip's columns per output step; `minSpace` as for spacedText.
 */
export function recountStrokeRuns(kept: readonly Emission[], strip: LineStrip, stepWidth: number, minSpace: number): Emission[] {
  const out: Emission[] = []
  const centre = (e: Emission): number => emissionCentre(e, stepWidth)
  let i = 0
  while (i < kept.length) {
    const e = kept[i]!
    if (STROKES[e.char] === undefined) { out.push(e); i++; continue }
    let j = i
    while (j + 1 < kept.length && STROKES[kept[j + 1]!.char] !== undefined && kept[j + 1]!.space < minSpace) j++
    let start = i
    const prevWord = kept[i - 1]
    // glued to digits, leading 1's belong to the number (EF-161ⅡI: 161 and ⅡI)
    if (prevWord && /\d/.test(prevWord.char) && e.space < minSpace) while (start <= j && kept[start]!.char === '1') start++
    const run = kept.slice(start, j + 1)
    out.push(...kept.slice(i, start))
    const recounted = run.length > 0 ? recount(kept, start, j, strip, stepWidth, minSpace, centre) : null
    out.push(...(recounted ?? run))
    i = j + 1
  }
  return out
}

/**
 * Whether strokes `bars` stand `space` columns after the word before them as a suffix of their own: a word space (as
 * paddle-spaces measures one) and half as wide again as the widest blank between the strokes themselves.
 */
export function setApartAsSuffix(bars: readonly Bar[], space: number, strip: LineStrip): boolean {
  const between = Math.max(0, ...bars.slice(1).map((b, n) => b.x0 - bars[n]!.x1))
  return space >= SPACE_MIN * strip.height && space >= 1.5 * between
}

/** Strokes as a Roman suffix: an I per bar after a word space, each at its bar's step so later checks find it there. */
export function romanIs(bars: readonly Bar[], stepWidth: number, p: number): Emission[] {
  return bars.map((b, k) => {
    const step = Math.floor((b.x0 + b.x1) / 2 / stepWidth)
    return { char: 'I', first: step, last: step, p, space: k === 0 ? 1 : 0 }
  })
}

/** Whether the run [start, end] ends a word (nothing glued after it) that holds a letter (a date's "2026-11-11" is no model). */
export function endsCodeWord(kept: readonly Emission[], start: number, end: number, minSpace: number): boolean {
  const after = kept[end + 1]
  if (after && WORD.test(after.char) && after.space < minSpace) return false
  for (let k = start - 1; k >= 0 && (WORD.test(kept[k]!.char) || kept[k]!.char === '-'); k--) {
    if (LETTER.test(kept[k]!.char)) return true
    if (kept[k]!.space >= minSpace && k < start - 1) return false
  }
  return false
}

/**
 * Where the glyph after a stroke run begins: a CJK one's left edge lies about a third of the line height before its
 * centre, a Latin letter's about a sixth; punctuation has no full-height stroke to mistake for one (its centre bounds the run).
 */
export const nextGlyphAt = (after: Emission | undefined, strip: LineStrip, centre: (e: Emission) => number): number =>
  !after ? strip.width : centre(after) - (HAN.test(after.char) ? 0.3 : WORD.test(after.char) ? 0.15 : 0) * strip.height

function recount(kept: readonly Emission[], start: number, end: number, strip: LineStrip, stepWidth: number, minSpace: number,
  centre: (e: Emission) => number): Emission[] | null {
  const run = kept.slice(start, end + 1)
  const before = kept[start - 1], after = kept[end + 1]
  if (!before || !(WORD.test(before.char) || before.char === '-')) return null
  if (!endsCodeWord(kept, start, end, minSpace)) return null
  const digitsOnly = run.every(e => e.char === '1')
  const spaced = run[0]!.space >= minSpace
  const afterHyphen = before.char === '-'
  // glued to the word, strokes end a number (EF-169ⅡI), never a word's letters (the l of "10ml")
  if (!spaced && !afterHyphen && (digitsOnly || !/\d/.test(before.char))) return null
  // from the glyph before: its centre when a hyphen or a word space follows it, else halfway to the run's first stroke
  const from = spaced || afterHyphen ? centre(before) : (centre(before) + centre(run[0]!)) / 2
  const to = nextGlyphAt(after, strip, centre)
  const bars = findBars(strip, from, to, spaced)
  if (bars === null || bars.length > 4) return null
  const read = strokesOf(run)
  // the count is measured where the recogniser was unsure of a stroke; a run of 1's right after the code's hyphen
  // (LZ-II read as LZ-11) or a word space after it (PDG-406 III read as PDG-406 11) drawn without a 1's flag is a
  // Roman numeral, however sure the recogniser was; a count with its unit after it ("XM-2000 11台") stays a number
  const count = run.some(e => e.p < SURE) && Math.abs(bars.length - read) <= 2 ? bars.length : read
  const roman = !digitsOnly || ((afterHyphen || spaced) && count === bars.length && !QUANTITY_UNIT.test(after?.char ?? '') && bars.every(b => !b.flag))
  if (count === read && roman === !digitsOnly) return null
  const p = Math.min(...run.map(e => e.p))
  const t0 = run[0]!.first, t1 = run[run.length - 1]!.last
  return Array.from({ length: count }, (_, n) => ({
    char: roman ? 'I' : '1', first: t0 + Math.floor(((t1 - t0) * n) / count), last: t0 + Math.floor(((t1 - t0) * (n + 1)) / count),
    p, space: n === 0 ? run[0]!.space : 0,
  }))
}
