import { describe, expect, it } from 'vitest'
import { canonicalJson } from '../canonical-json.js'
import { contentVersion, fnv1a64 } from './content-hash.js'

describe('content hashing', () => {
  // Reference vectors from the FNV authors' test suite.
  it.each([['', 'cbf29ce484222325'], ['a', 'af63dc4c8601ec8c'], ['foobar', '85944171f73967e8']])('fnv1a64(%j)', (s, h) => {
    expect(fnv1a64(s)).toBe(h)
  })
  it('hashes UTF-8 bytes, so Chinese text is stable', () => {
    expect(fnv1a64('需求探询')).toMatch(/^[0-9a-f]{16}$/)
    expect(fnv1a64('需求探询')).not.toBe(fnv1a64('需求探讯'))
  })
  it.each([
    [{ b: 1, a: [2, { d: 3, c: undefined }] }, '{"a":[2,{"d":3}],"b":1}'],
    [[undefined, null, 'x'], '[null,null,"x"]'],
  ])('canonical JSON sorts keys and drops undefined: %j', (v, text) => {
    expect(canonicalJson(v)).toBe(text)
  })
  it('equal content, equal version', () => {
    expect(contentVersion({ x: 1, y: 2 })).toBe(contentVersion({ y: 2, x: 1 }))
  })
})
