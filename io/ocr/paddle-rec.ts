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
 * Greedy CTC decoding of the recogniser's output [n, steps, classes] (probabilities): the best class per step,
 * blanks (0) and repeats dropped, class k being the dictionary's entry k − 1. `widths` limits each strip to its
 * own steps, so that its padding is not read. `mean` is the mean probability of the kept characters.
 */
export function ctcDecode(output: Float32Array, dims: readonly number[], dictionary: readonly string[], widths: readonly number[], paddedWidth: number): Decoded[] {
  const [n, steps, classes] = dims as [number, number, number]
  const out: Decoded[] = []
  for (let b = 0; b < n; b++) {
    const own = Math.min(steps, Math.ceil((steps * widths[b]!) / paddedWidth))
    let text = '', sum = 0, count = 0, previous = -1
    for (let t = 0; t < own; t++) {
      const at = (b * steps + t) * classes
      let best = 0, p = output[at]!
      for (let c = 1; c < classes; c++) if (output[at + c]! > p) { p = output[at + c]!; best = c }
      if (best !== 0 && best !== previous) { text += dictionary[best - 1] ?? ''; sum += p; count++ }
      previous = best
    }
    out.push({ text, mean: count > 0 ? sum / count : 0 })
  }
  return out
}
