import { expect, it } from 'vitest'
import { backoffDelay } from './backoff.js'

it.each([
  [0, 500],
  [1, 800],
  [2, 1280],
  [5, 5000],
  [40, 5000],
])('attempt %i waits %i ms', (attempt, ms) => {
  expect(backoffDelay(attempt)).toBe(ms)
})
