import { describe, expect, it } from 'vitest'
import { inkThreshold } from './paddle-ink.js'

describe('inkThreshold', () => {
  it('is halfway between the ink and the paper of a strip with text on it', () => {
    const strip = Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? 0.1 : 0.9)) // a tenth of it ink
    expect(inkThreshold(strip)).toBeCloseTo(0.5)
  })

  it('is null on a strip with no clear ink (blank, or grey on grey)', () => {
    expect(inkThreshold(new Float32Array(500).fill(0.8))).toBeNull()
    expect(inkThreshold(Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? 0.7 : 0.85)))).toBeNull()
  })
})
