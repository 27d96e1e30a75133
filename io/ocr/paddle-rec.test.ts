import { describe, expect, it } from 'vitest'
import type { LineStrip } from './paddle-crop.js'
import { batchInput, ctcDecode } from './paddle-rec.js'

const strip = (width: number, value: number): LineStrip => ({ data: new Float32Array(48 * width).fill(value), width, height: 48 })

/** Output probabilities [1, steps, classes] with one winning class per step. */
function output(best: readonly number[], classes: number, p = 0.9): Float32Array {
  const data = new Float32Array(best.length * classes).fill((1 - p) / (classes - 1))
  best.forEach((c, t) => { data[t * classes + c] = p })
  return data
}

describe('recogniser input', () => {
  it('puts the grey strip in three planes, padded with its last column', () => {
    const strips = [strip(4, 0.5), strip(2, 1)]
    const { data, dims } = batchInput(strips, [0, 1])
    expect(dims).toEqual([2, 3, 48, 4])
    const plane = 48 * 4
    expect(data[0]).toBe(0.5)
    expect(data[2 * plane + 3]).toBe(0.5)
    // second strip, third plane, first row: its two columns then two of padding
    expect([...data.subarray(5 * plane, 5 * plane + 4)]).toEqual([1, 1, 1, 1])
  })
})

describe('CTC decoding', () => {
  const dictionary = ['a', 'b', '合', '计']
  it('drops blanks and repeats, keeps a repeat separated by a blank', () => {
    const [d] = ctcDecode(output([1, 1, 0, 1, 2, 2, 0, 3, 4], 5), [1, 9, 5], dictionary, [72], 72)
    expect(d!.text).toBe('aab合计')
    expect(d!.mean).toBeCloseTo(0.9, 5)
  })

  it('reads only the steps of a strip, not its padding', () => {
    const [d] = ctcDecode(output([1, 2, 3, 4], 5), [1, 4, 5], dictionary, [16], 32)
    expect(d!.text).toBe('ab')
  })

  it('a strip read as blanks only has no text and no confidence', () => {
    expect(ctcDecode(output([0, 0], 5), [1, 2, 5], dictionary, [16], 16)).toEqual([{ text: '', mean: 0 }])
  })
})
