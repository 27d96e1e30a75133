/** A box in page pixels, as tesseract gives them. */
export type Bbox = { x0: number; y0: number; x1: number; y1: number }
type Word = { text: string; bbox: Bbox; confidence: number }
type Line = { text: string; words: Word[] }

/**
 * Stretches of Latin letters and digits that chi_sim read, on one line, which may hold a model code: chi_sim's LSTM
 * reads Latin codes poorly (YC-III as YC-ll, CBY-544 V as CBY-544V, DCG-971 as DC6-971), and English reads them
 * well. `words` are the texts chi_sim gave, in order.
 */
export type CodeRun = { line: number; words: string[]; bbox: Bbox; confidence: number }

const CJK = /[\u3000-\u9fff\uff00-\uffef]/
/** A letter next to a digit or a hyphen: BS-240, 3M-1860, XN1000, SY-II; not a word of English or pinyin. */
const CODE_LIKE = /[A-Za-z][-\d]|[-\d][A-Za-z]/
/** Money and numbers chi_sim reads well, with a ¥ it turns into Y: Y176,400.00. */
const MONEY = /\d,\d{3}|\.\d\d$/
/** Most runs re-read on one page: bounds the time the second reading costs. */
export const MAX_RUNS = 24

/** Below this certainty (0–100) a one- or two-character word next to a code is taken for a misread part of it. */
const UNSURE = 40

const isLatin = (w: Word): boolean => w.text.length > 0 && !CJK.test(w.text) && /[A-Za-z0-9]/.test(w.text)
const isCode = (w: Word): boolean => isLatin(w) && CODE_LIKE.test(w.text) && !MONEY.test(w.text)
/** Latin, or a character or two chi_sim was unsure of: the III of YC-III read as 员. */
const isPart = (w: Word): boolean => isLatin(w) || (w.text.trim().length > 0 && w.text.trim().length <= 2 && w.confidence < UNSURE)

/**
 * The runs of a page: each code-like word together with the Latin words just before and after it on its line (a
 * gap of at most one text height: CBY-544 and V, Edan and TZJ-6125 and MAX) and the unsure characters just after
 * it, never across a Chinese word read with certainty or a table column.
 */
export function codeRuns(lines: readonly Line[]): CodeRun[] {
  const runs: CodeRun[] = []
  lines.forEach((line, li) => {
    const ws = line.words
    for (let i = 0; i < ws.length; i++) {
      if (!isCode(ws[i]!)) continue
      let a = i, b = i
      const near = (l: Word, r: Word): boolean => r.bbox.x0 - l.bbox.x1 <= Math.max(l.bbox.y1 - l.bbox.y0, r.bbox.y1 - r.bbox.y0)
      while (a > 0 && isLatin(ws[a - 1]!) && near(ws[a - 1]!, ws[a]!)) a--
      while (b + 1 < ws.length && isPart(ws[b + 1]!) && near(ws[b]!, ws[b + 1]!)) b++
      const part = ws.slice(a, b + 1)
      // an unsure word's box often runs over its neighbours: the run ends where they begin
      const x0 = Math.max(Math.min(...part.map(w => w.bbox.x0)), a > 0 ? ws[a - 1]!.bbox.x1 : 0)
      const x1 = Math.min(Math.max(...part.map(w => w.bbox.x1)), b + 1 < ws.length ? ws[b + 1]!.bbox.x0 : Infinity)
      if (x1 <= x0) continue
      runs.push({
        line: li, words: part.map(w => w.text), confidence: Math.min(...part.map(w => w.confidence)),
        bbox: { x0, y0: Math.min(...part.map(w => w.bbox.y0)), x1, y1: Math.max(...part.map(w => w.bbox.y1)) },
      })
      i = b
    }
  })
  return runs.slice(0, MAX_RUNS)
}

/** The most of a run's characters the second reading may change: YC-员 to YC-III is half. */
const MAX_CHANGE = 0.5

/** Levenshtein distance. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const next = [i]
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    row = next
  }
  return row[b.length]!
}

/** The share of characters changed between two readings, the words they share at either end (a brand) left out. */
function changed(a: string, b: string): number {
  const x = a.split(' '), y = b.split(' ')
  while (x.length > 1 && y.length > 1 && x[0] === y[0]) { x.shift(); y.shift() }
  while (x.length > 1 && y.length > 1 && x[x.length - 1] === y[y.length - 1]) { x.pop(); y.pop() }
  const [p, q] = [x.join(' '), y.join(' ')]
  return editDistance(p, q) / Math.max(1, p.length, q.length)
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

const ROMAN = /^[IVX]+$/
const DIGIT = /\d/
const LETTER = /[A-Za-z]/

/**
 * One character where the two readings of a code disagree (`prev` and `next` around it in English's piece). English
 * wins, except where it is known to read worse: the l of ml (5mt, 20mI), a letter's case (a capital, but for the m of
 * ml), a D as O or 0 (DV252 as 0v252, XDF as XOF), an l or I as 1, and a digit read as a letter or back (5mL as SmL,
 * A795 as AT95, but HK6 as HKG): there the neighbours decide, letters among letters and digits among digits (a digit
 * before the unit mL), chi_sim's when they differ.
 */
function chooseChar(chi: string, eng: string, prev: string, next: string): string {
  if (chi === eng) return chi
  // the l of ml: chi_sim and English each misread it (I, 1, t) in their own way
  if (prev === 'm' && /^[lLI1t|]$/.test(chi) && /^[lLI1t|]$/.test(eng)) return chi === 'L' || eng === 'L' ? 'L' : 'l'
  // codes are capitals, but for the m of ml
  if (chi.toLowerCase() === eng.toLowerCase()) return /^[lL]/.test(next) && DIGIT.test(prev) ? chi.toLowerCase() : chi.toUpperCase()
  if (chi === 'D' && /[O0]/.test(eng)) return chi
  if (DIGIT.test(chi) === DIGIT.test(eng)) return eng
  if (eng === '1' && /[lI]/.test(chi)) return chi
  const [digit, letter] = DIGIT.test(chi) ? [chi, eng] : [eng, chi]
  if (/^m[lL]/.test(next)) return digit
  const around = [prev, next[0] ?? ''].filter(c => c !== '' && c !== '-' && c !== '/')
  if (around.length > 0 && around.every(c => LETTER.test(c))) return letter
  if (around.length > 0 && around.every(c => DIGIT.test(c))) return digit
  return chi
}

/**
 * English's reading without the words it read at either end beyond chi_sim's (a Chinese neighbour half inside the
 * strip, read as Saay or Lorl), when the words left have the lengths of chi_sim's words.
 */
function withoutExtraWords(chi: string, eng: string): string {
  const a = chi.split(' '), b = eng.split(' ')
  const extra = b.length - a.length
  if (extra <= 0) return eng
  for (let start = 0; start <= extra; start++) {
    const kept = b.slice(start, start + a.length)
    const dropped = [...b.slice(0, start), ...b.slice(start + a.length)]
    // what is dropped reads as a word (Saay, Lorl), not as a suffix of the code (V, III, MAX) chi_sim glued on
    if (dropped.every(w => /[a-z]/.test(w)) && kept.every((w, i) => w.length === a[i]!.length)) return kept.join(' ')
  }
  return eng
}

/**
 * English's reading of a run, where it has the same pieces (split at spaces and hyphens) as chi_sim's, with the
 * pieces English reads worse: a Roman numeral chi_sim read as one and English did not (II as IT), and the
 * characters chooseChar gives back to chi_sim; words English read beyond chi_sim's at either end are dropped.
 * Elsewhere English is taken (WSY855IV as WSY-855 IV, 792MV as 792/V).
 */
export function mergeReadings(chi: string, eng: string): string {
  const a = chi.split(/([\s-]+)/), b = withoutExtraWords(chi, eng).split(/([\s-]+)/)
  if (a.length !== b.length) return eng
  return b.map((piece, i) => {
    const other = a[i]!
    if (ROMAN.test(other) && !ROMAN.test(piece)) return other
    if (other.length !== piece.length) return piece
    return [...piece].map((c, k) => chooseChar(other[k]!, c, piece[k - 1] ?? '', piece.slice(k + 1))).join('')
  }).join('')
}

/**
 * The line's text with the run read again (by English, merged with chi_sim's reading by mergeReadings) in place
 * of what chi_sim read, when that reading is found once in the line and the new one is a plausible stand-in: Latin
 * letters and digits only, of a similar length, at most MAX_CHANGE of it changed.
 */
export function spliceRun(lineText: string, run: CodeRun, reading: string): string {
  const next = mergeReadings(run.words.join(' '), reading.trim().replace(/\s+/g, ' '))
  const old = run.words.join('')
  if (!/^[A-Za-z0-9][-A-Za-z0-9/. ()]*$/.test(next) || next.length < old.length / 2 || next.length > old.length * 2) return lineText
  // a second reading of something else (a neighbouring line in the strip, a smudge) is no correction
  if (changed(run.words.join(' '), next) > MAX_CHANGE) return lineText
  // chi_sim puts no space before or after a Chinese character
  const found = new RegExp(run.words.map(w => escape(w.trim())).join('\\s*'), 'g')
  const hits = lineText.match(found)
  if (hits?.length !== 1) return lineText
  return lineText.replace(found, () => next)
}

/** White around each run in the strip, in text heights: tesseract needs a margin to find a line's baseline. */
const MARGIN = 0.5

/** Lighter than this is paper when looking for the blank column between two glyphs. */
const PAPER = 160

/** The column nearest to x (within `reach`) with no ink between rows y0 and y1, or x itself when there is none. */
function blankColumn(grey: Uint8Array, width: number, y0: number, y1: number, x: number, reach: number): number {
  const blank = (c: number): boolean => {
    for (let y = y0; y < y1; y++) if (grey[y * width + c]! < PAPER) return false
    return true
  }
  for (let d = 0; d <= reach; d++) {
    if (x - d >= 0 && blank(x - d)) return x - d
    if (x + d < width && blank(x + d)) return x + d
  }
  return Math.max(0, Math.min(width, x))
}

/**
 * The runs cut from the page tesseract read and stacked one under another on white, for one second reading of
 * them all (one call costs far less than one per run), with the band of the strip each run occupies.
 */
export function codeStrip(grey: Uint8Array, width: number, height: number, runs: readonly CodeRun[]): { pixels: Uint8Array; width: number; height: number; bands: [number, number][] } {
  const boxes = runs.map(r => {
    const m = Math.round(MARGIN * (r.bbox.y1 - r.bbox.y0))
    const y0 = Math.max(0, r.bbox.y0 - m), y1 = Math.min(height, r.bbox.y1 + m)
    // word boxes are loose: each end moves to the nearest blank column, between two glyphs
    const x0 = blankColumn(grey, width, y0, y1, r.bbox.x0, m), x1 = blankColumn(grey, width, y0, y1, r.bbox.x1, m)
    return { x0, y0, x1: Math.max(x1, x0 + 1), y1, m }
  })
  const sw = Math.max(...boxes.map(b => b.x1 - b.x0 + 2 * b.m))
  const sh = boxes.reduce((s, b) => s + b.y1 - b.y0 + 2 * b.m, 0)
  const pixels = new Uint8Array(sw * sh).fill(255)
  const bands: [number, number][] = []
  let top = 0
  for (const b of boxes) {
    for (let y = b.y0; y < b.y1; y++) pixels.set(grey.subarray(y * width + b.x0, y * width + b.x1), (top + b.m + y - b.y0) * sw + b.m)
    const next = top + b.y1 - b.y0 + 2 * b.m
    bands.push([top, next])
    top = next
  }
  return { pixels, width: sw, height: sh, bands }
}

/** What was read in each band of the strip: its words left to right, by where their middles fall. */
export function readingsByBand(words: readonly Word[], bands: readonly [number, number][]): string[] {
  return bands.map(([y0, y1]) => words
    .filter(w => { const mid = (w.bbox.y0 + w.bbox.y1) / 2; return mid >= y0 && mid < y1 })
    .sort((a, b) => a.bbox.x0 - b.bbox.x0)
    .map(w => w.text).join(' '))
}
