import type { SendLimiter } from './rate-limit.js'
import type { Fetched, TokenCache } from './token-cache.js'

// For the one-process demo with no Redis (BullMQ on PostgreSQL): the same contracts as the Redis
// token cache and send limiter, held in memory. A deployment with several processes must use Redis.

export function createMemoryTokenCache(refreshRatio = 0.8): TokenCache {
  const values = new Map<string, { value: string; refreshAt: number }>()
  const inflight = new Map<string, Promise<string>>()
  return {
    async get(name: string, fetch: () => Promise<Fetched>): Promise<string> {
      const hit = values.get(name)
      if (hit && Date.now() < hit.refreshAt) return hit.value
      let p = inflight.get(name)
      if (!p) {
        p = fetch().then((f) => {
          values.set(name, { value: f.value, refreshAt: Date.now() + f.expiresInSec * 1000 * refreshRatio })
          return f.value
        }).finally(() => inflight.delete(name))
        inflight.set(name, p)
      }
      return p
    },
    async invalidate(name: string, stale: string): Promise<void> {
      if (values.get(name)?.value === stale) values.delete(name)
    },
  }
}

export function createMemorySendLimiter(perMinute = 30, perHour = 1000): SendLimiter {
  const sent = new Map<string, number[]>()
  return {
    async reserve(recipients, nowMs = Date.now()) {
      const users = [...new Set(recipients)]
      let wait = 0
      for (const u of users) {
        const times = (sent.get(u) ?? []).filter((t) => t > nowMs - 3_600_000)
        sent.set(u, times)
        const inMinute = times.filter((t) => t > nowMs - 60_000)
        if (times.length >= perHour) wait = Math.max(wait, times[times.length - perHour]! + 3_600_000 - nowMs)
        if (inMinute.length >= perMinute) wait = Math.max(wait, inMinute[inMinute.length - perMinute]! + 60_000 - nowMs)
      }
      if (wait > 0) return wait
      for (const u of users) sent.get(u)!.push(nowMs)
      return 0
    },
  }
}
