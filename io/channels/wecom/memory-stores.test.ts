import { describe, expect, it } from 'vitest'
import { createMemorySendLimiter, createMemoryTokenCache } from './memory-stores.js'

describe('memory token cache', () => {
  it('fetches once for concurrent callers and again after invalidation', async () => {
    const cache = createMemoryTokenCache()
    let fetches = 0
    const fetch = async () => ({ value: `tok${++fetches}`, expiresInSec: 7200 })
    const got = await Promise.all(Array.from({ length: 10 }, () => cache.get('corp', fetch)))
    expect(new Set(got)).toEqual(new Set(['tok1']))
    await cache.invalidate('corp', 'someone-elses')
    expect(await cache.get('corp', fetch)).toBe('tok1')
    await cache.invalidate('corp', 'tok1')
    expect(await cache.get('corp', fetch)).toBe('tok2')
  })
})

describe('memory send limiter', () => {
  it('grants 30 per minute per member, then names the wait', async () => {
    const l = createMemorySendLimiter()
    const t0 = 1_000_000
    for (let i = 0; i < 30; i++) expect(await l.reserve(['lina'], t0 + i)).toBe(0)
    expect(await l.reserve(['lina'], t0 + 100)).toBe(60_000 - 100)
    expect(await l.reserve(['zhangwei'], t0 + 100)).toBe(0)
    expect(await l.reserve(['lina'], t0 + 60_001)).toBe(0)
  })
  it('caps 1000 per hour', async () => {
    const l = createMemorySendLimiter(10_000, 1000)
    for (let i = 0; i < 1000; i++) await l.reserve(['lina'], i * 100)
    expect(await l.reserve(['lina'], 100_000)).toBe(3_600_000 - 100_000)
  })
})
