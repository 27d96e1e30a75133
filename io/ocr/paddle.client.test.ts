import { describe, expect, it } from 'vitest'
import { planarInput } from './paddle.client.js'

describe('PP-OCR model input', () => {
  it.each([
    [[255, 0, 0, 255], [0, 0, 1]],
    [[0, 0, 255, 255], [1, 0, 0]],
    [[51, 102, 204, 0], [0.8, 0.4, 0.2]],
  ])('RGBA %j → planar B, G, R %j', (rgba, bgr) => {
    const r = planarInput({ data: Uint8Array.from(rgba), width: 1, height: 1 })
    expect([...r.data].map(v => Math.round(v * 100) / 100)).toEqual(bgr)
  })

  it('keeps each plane in pixel order', () => {
    const r = planarInput({ data: Uint8Array.from([255, 0, 0, 255, 0, 255, 0, 255]), width: 2, height: 1 })
    expect([...r.data]).toEqual([0, 0, 0, 1, 1, 0])
    expect(r).toMatchObject({ width: 2, height: 1 })
  })
})
