import { describe, expect, it } from 'vitest'
import { stretchContrast } from './grey-levels.js'

describe('stretchContrast', () => {
  it('stretches a pale page to full black and white and reports its spread', () => {
    const page = Uint8Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? 120 : 200))
    const stdev = stretchContrast(page)
    expect(stdev).toBeCloseTo(24, 0)
    expect([Math.min(...page), Math.max(...page)]).toEqual([0, 255])
  })

  it('leaves a flat page alone and reports no spread', () => {
    const page = new Uint8Array(100).fill(250)
    expect(stretchContrast(page)).toBe(0)
    expect(page[0]).toBe(250)
  })
})
