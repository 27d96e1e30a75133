import { describe, expect, it } from 'vitest'
import { cellBlobs } from './cell-blobs.js'

const grid = (rows: string[]): Uint8Array => Uint8Array.from(rows.join('').split(''), c => (c === '#' ? 1 : 0))

describe('blobs of marked cells', () => {
  it('joins cells touching at a corner, keeps apart cells a gap away, and boxes each blob', () => {
    const mask = grid([
      '#....',
      '.#..#',
      '....#',
      '##...',
    ])
    expect(cellBlobs(mask, 5, 4)).toEqual([
      { x0: 0, y0: 0, x1: 1, y1: 1 },
      { x0: 4, y0: 1, x1: 4, y1: 2 },
      { x0: 0, y0: 3, x1: 1, y1: 3 },
    ])
  })

  it('finds nothing on an empty grid', () => {
    expect(cellBlobs(new Uint8Array(12), 4, 3)).toEqual([])
  })
})
