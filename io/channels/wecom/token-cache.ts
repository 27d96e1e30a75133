import { randomUUID } from 'node:crypto'
import { setTimeout as delay } from 'node:timers/promises'
import type { Redis } from 'ioredis'
import { ChannelApiError } from './api-error.js'

// access_token and jsapi tickets are rate-limited at the source (gettoken frequency interception; tickets
// 400/h per corp, 100/h per app — PLATFORMS §3.1, §3.6), so one process per key fetches while the others
// wait: in-process callers share one promise, processes share a Redis SET NX lock.

export type Fetched = { value: string; expiresInSec: number }
export type TokenCacheOptions = {
  redis: Redis
  /** Namespace for keys, e.g. `salespath:` or a per-test prefix. */
  prefix: string
  /** Refresh at this share of expires_in (WeCom may revoke early; 40014/42001 invalidates too). */
  refreshRatio?: number
  lockTtlMs?: number
  /** How long a caller waits for another process's refresh before giving up (transient). */
  waitMs?: number
  pollMs?: number
}
export type TokenCache = {
  get(name: string, fetch: () => Promise<Fetched>): Promise<string>
  /** Drops the cached value only if it is still `stale`, so a token someone just refreshed survives. */
  invalidate(name: string, stale: string): Promise<void>
}

const DEL_IF_EQUAL = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end"

export function createTokenCache(o: TokenCacheOptions): TokenCache {
  const { redis, prefix, refreshRatio = 0.8, lockTtlMs = 10_000, waitMs = 15_000, pollMs = 50 } = o
  const inflight = new Map<string, Promise<string>>()

  async function refresh(key: string, fetch: () => Promise<Fetched>): Promise<string> {
    const lock = `${key}:lock`
    const owner = randomUUID()
    const deadline = Date.now() + waitMs
    for (;;) {
      if ((await redis.set(lock, owner, 'PX', lockTtlMs, 'NX')) === 'OK') {
        try {
          const filled = await redis.get(key) // another process may have finished between our GET and the lock
          if (filled) return filled
          const got = await fetch()
          await redis.set(key, got.value, 'PX', Math.max(1_000, Math.floor(got.expiresInSec * 1_000 * refreshRatio)))
          return got.value
        } finally {
          await redis.eval(DEL_IF_EQUAL, 1, lock, owner)
        }
      }
      await delay(pollMs)
      const value = await redis.get(key)
      if (value) return value
      if (Date.now() > deadline) throw new ChannelApiError('CHANNEL_API_TRANSIENT', true, { channel: 'wecom', reason: 'token refresh lock wait' })
    }
  }

  return {
    async get(name, fetch) {
      const key = `${prefix}${name}`
      const cached = await redis.get(key)
      if (cached) return cached
      let pending = inflight.get(key)
      if (!pending) {
        pending = refresh(key, fetch).finally(() => inflight.delete(key))
        inflight.set(key, pending)
      }
      return pending
    },
    async invalidate(name, stale) {
      await redis.eval(DEL_IF_EQUAL, 1, `${prefix}${name}`, stale)
    },
  }
}
