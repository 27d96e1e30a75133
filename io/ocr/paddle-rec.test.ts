import { describe, expect, it } from 'vitest'
import type { LineStrip } from './paddle-crop.js'
import { batchInput, ctcDecode, unsureWords, type Emission } from './paddle-rec.js'

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

describe('word spaces from blank runs', () => {
  const dictionary = ['F', 'C', '-', '8', '7', '3', 'V', 'm', 'l', '5', '合', '计', '金', '额', ' ']
  const classes = dictionary.length + 1
  const space = classes - 1
  /**
   * Each character one step then a blank; at `gaps[i]` = q, two more blank steps before character i in which the
   * space class has probability q (still below the blank's).
   */
  function read(chars: string, gaps: Record<number, number> = {}): string {
    const steps: { best: number; space?: number }[] = []
    ;[...chars].forEach((ch, i) => {
      if (gaps[i] !== undefined) steps.push({ best: 0, space: gaps[i] }, { best: 0, space: gaps[i] })
      steps.push({ best: dictionary.indexOf(ch) + 1 }, { best: 0 })
    })
    const data = output(steps.map(s => s.best), classes, 0.9)
    steps.forEach((s, t) => { if (s.space !== undefined) data[t * classes + space] = s.space })
    return ctcDecode(data, [1, steps.length, classes], dictionary, [steps.length * 4], steps.length * 4)[0]!.text
  }

  it('a blank run where the space class rose, between Latin letters or digits, reads as a space', () => {
    expect(read('FC-873V', { 6: 0.3 })).toBe('FC-873 V')
  })

  it('the same run inside CJK text, or between CJK and a digit, adds nothing', () => {
    expect(read('合计金额', { 2: 0.3 })).toBe('合计金额')
    expect(read('合计873', { 2: 0.3 })).toBe('合计873')
  })

  it('a blank run where the space class stayed near zero adds nothing, however long', () => {
    expect(read('FC-873V', { 6: 0.001 })).toBe('FC-873V')
  })

  it('no space beside a hyphen, nor between two lower-case letters', () => {
    expect(read('FC-873V', { 2: 0.3, 3: 0.3 })).toBe('FC-873V')
    expect(read('FC-5ml', { 5: 0.3 })).toBe('FC-5ml')
  })

  it('a space the recogniser wrote itself is not doubled', () => {
    expect(read('FC-873 V', { 7: 0.3 })).toBe('FC-873 V')
  })
})

describe('code words with a doubtful character', () => {
  /** Emissions of `text`, one per character, each read with the probability given for it (0.99 when none is). */
  const emitted = (text: string, doubtful: Record<number, number> = {}): Emission[] =>
    [...text].map((char, i) => ({ char, first: i, last: i, p: doubtful[i] ?? 0.99, space: 0 }))

  it('names a code word and a capital suffix holding a letter read with little probability (BH-214/37 for BM-214/37)', () => {
    expect(unsureWords(emitted('型号BH-214/37，', { 3: 0.71 }), 0.01)).toEqual(['BH-214/37'])
    expect(unsureWords([...emitted('CYW-5909'), ...emitted('RAX', { 0: 0.5 }).map((e, i) => ({ ...e, space: i === 0 ? 0.2 : 0 }))], 0.01)).toEqual(['RAX'])
  })

  it('leaves out sure codes, a doubtful hyphen, words without a digit (a brand) and Chinese', () => {
    expect(unsureWords(emitted('BM-214/37'), 0.01)).toEqual([])
    expect(unsureWords(emitted('BM-214/37', { 2: 0.5 }), 0.01)).toEqual([])
    expect(unsureWords(emitted('BiobaSe电子血压计', { 5: 0.5, 9: 0.4 }), 0.01)).toEqual([])
  })
})
