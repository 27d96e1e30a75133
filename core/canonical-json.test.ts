import { describe, expect, it } from 'vitest'
import { canonicalJson } from './canonical-json.js'

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: { d: [2, { z: 1, y: 2 }], c: 'x' } }, '{"a":{"c":"x","d":[2,{"y":2,"z":1}]},"b":1}'],
    [{ at: new Date('2026-03-02T01:00:00Z'), skip: undefined }, '{"at":"2026-03-02T01:00:00.000Z"}'],
    [[3, 'a', null], '[3,"a",null]'],
  ])('%j → %s', (input, expected) => {
    expect(canonicalJson(input)).toBe(expected)
  })
  it('gives the same text whatever the key order', () => {
    expect(canonicalJson({ x: 1, y: { b: 2, a: 1 } })).toBe(canonicalJson({ y: { a: 1, b: 2 }, x: 1 }))
  })
})
