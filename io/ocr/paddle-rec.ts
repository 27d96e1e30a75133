import { LINE_HEIGHT, type LineStrip } from './paddle-crop.js'

/**
 * One batch as the recogniser's input, [n, 3, 48, width]: the grey level in all three channels (the models take
 * 0..1 values, mean 0, std 1), each strip padded on the right with its own last column (page background).
 */
export function batchInput(strips: readonly LineStrip[], batch: readonly number[]): { data: Float32Array; dims: [number, number, number, number] } {
  const width = Math.max(...batch.map(i => strips[i]!.width))
  const plane = LINE_HEIGHT * width
  const data = new Float32Array(batch.length * 3 * plane)
  batch.forEach((index, n) => {
    const s = strips[index]!
    for (let y = 0; y < LINE_HEIGHT; y++) {
      const row = s.data.subarray(y * s.width, (y + 1) * s.width)
      const pad = row[s.width - 1]!
      for (let c = 0; c < 3; c++) {
        const at = (n * 3 + c) * plane + y * width
        data.set(row, at)
        data.fill(pad, at + s.width, at + width)
      }
    }
  })
  return { data, dims: [batch.length, 3, LINE_HEIGHT, width] }
}

export type Decoded = { text: string; mean: number }

/**
 * One kept character: its dictionary entry, the first and last step of its run, its probability, and `space`, the
 * highest probability the dictionary's space class reached over the blank steps before it.
 */
export type Emission = { char: string; first: number; last: number; p: number; space: number }

/** The strip column (pixels) at the middle of an emission's steps; `stepWidth` is the strip's columns per output step. */
export const emissionCentre = (e: Emission, stepWidth: number): number => ((e.first + e.last) / 2 + 0.5) * stepWidth

/**
 * Greedy CTC paths of the recogniser's output [n, steps, classes] (probabilities): the best class per step, blanks
 * (0) and repeats dropped, class k being the dictionary's entry k − 1. `widths` limits each strip to its own steps,
 * so that its padding is not read.
 */
export function ctcEmissions(output: Float32Array, dims: readonly number[], dictionary: readonly string[], widths: readonly number[], paddedWidth: number): Emission[][] {
  const [n, steps, classes] = dims as [number, number, number]
  const spaceClass = dictionary.lastIndexOf(' ') + 1
  const out: Emission[][] = []
  for (let b = 0; b < n; b++) {
    const own = Math.min(steps, Math.ceil((steps * widths[b]!) / paddedWidth))
    const kept: Emission[] = []
    let previous = -1, space = 0
    for (let t = 0; t < own; t++) {
      const at = (b * steps + t) * classes
      let best = 0, p = output[at]!
      for (let c = 1; c < classes; c++) if (output[at + c]! > p) { p = output[at + c]!; best = c }
      if (best === 0) { if (spaceClass > 0) space = Math.max(space, output[at + spaceClass]!) }
      else if (best === previous) kept[kept.length - 1]!.last = t
      else { kept.push({ char: dictionary[best - 1] ?? '', first: t, last: t, p, space }); space = 0 }
      previous = best
    }
    out.push(kept)
  }
  return out
}

const WORD_CHAR = /^[A-Za-z0-9]$/
const LOWER = /^[a-z]$/

/**
 * The text of a strip, with a space between two Latin letters or digits whose blank run gave the space class at least
 * `minSpace`: PP-OCR seldom lets its space class win between Latin words ("FC-873 V" reads "FC-873V") but still gives
 * it some probability there, and next to none inside a word. Never inside CJK text, never beside a hyphen, never
 * between two lower-case letters (the space class rises before a narrow l or i inside a word: "5ml" would read "5m l").
 */
export function spacedText(kept: readonly Emission[], minSpace: number): string {
  return kept.map((e, i) => (hasSpaceBefore(kept, i, minSpace) ? ' ' : '') + e.char).join('')
}

function hasSpaceBefore(kept: readonly Emission[], i: number, minSpace: number): boolean {
  const before = kept[i - 1]?.char ?? '', e = kept[i]!
  return WORD_CHAR.test(before) && WORD_CHAR.test(e.char) && !(LOWER.test(before) && LOWER.test(e.char)) && e.space >= minSpace
}

/** Characters of a product code, and the separators inside one. */
const CODE_CHAR = /^[A-Za-z0-9\-/._]$/
/** A letter or digit read with less probability than this is one the parser should not take without the rep. */
export const UNSURE_CHAR = 0.75

/**
 * The words of a strip's text (as spacedText writes them) that look like product codes or their suffixes (a digit,
 * or two capitals and more) and hold a letter or digit read with less than `UNSURE_CHAR`: the recogniser's second
 * guess was close there (BH-214/37 for BM-214/37, DLN-55 for DLM-55), and no rule on the text can tell.
 */
export function unsureWords(kept: readonly Emission[], minSpace: number): string[] {
  const words: string[] = []
  let word = '', least = 1
  const close = (): void => {
    if ((/\d/.test(word) || /^(?=(?:.*[A-Z]){2})[A-Z\-/._]+$/.test(word)) && least < UNSURE_CHAR) words.push(word)
    word = ''
    least = 1
  }
  kept.forEach((e, i) => {
    if (!CODE_CHAR.test(e.char) || hasSpaceBefore(kept, i, minSpace)) close()
    if (!CODE_CHAR.test(e.char)) return
    word += e.char
    if (WORD_CHAR.test(e.char)) least = Math.min(least, e.p)
  })
  close()
  return words
}

/** Least probability of the space class over a blank run between Latin characters that reads as a space (see spacedText). */
export const MIN_SPACE_PROBABILITY = 0.01

/** Greedy CTC decoding (see ctcEmissions), with word spaces (see spacedText); `mean` is the mean probability of the kept characters. */
export function ctcDecode(output: Float32Array, dims: readonly number[], dictionary: readonly string[], widths: readonly number[], paddedWidth: number, minSpace = MIN_SPACE_PROBABILITY): Decoded[] {
  return ctcEmissions(output, dims, dictionary, widths, paddedWidth).map(kept => decodeEmissions(kept, minSpace))
}

/** One strip's kept characters as text with word spaces (see spacedText) and their mean probability. */
export function decodeEmissions(kept: readonly Emission[], minSpace = MIN_SPACE_PROBABILITY): Decoded {
  return { text: spacedText(kept, minSpace), mean: kept.length > 0 ? kept.reduce((s, e) => s + e.p, 0) / kept.length : 0 }
}
