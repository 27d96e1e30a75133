import { describe, expect, it } from 'vitest'
import { detectionSize } from './paddle.client.js'

describe('the page copy PP-OCR detects on', () => {
  it.each([
    [1472, 1344, 1280, 1280, 1184],
    [992, 1952, 1280, 640, 1280],
    [800, 600, 1280, 800, 608],
    [10, 10, 1280, 32, 32],
  ])('%d×%d with sides ≤ %d → %d×%d, multiples of 32', (w, h, side, ww, wh) => {
    expect(detectionSize(w, h, side)).toEqual({ width: ww, height: wh })
  })
})
