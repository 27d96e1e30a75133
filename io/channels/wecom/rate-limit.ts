import { randomUUID } from 'node:crypto'
import type { Redis } from 'ioredis'

// WeCom silently drops app messages beyond 30 per minute or 1000 per hour to one member (WC/90236,
// PLATFORMS §3.2), so the sender asks for a slot first and delays the job by the answer: never drops.
// Sliding windows over one sorted set per member, checked and recorded atomically in Lua.

const RESERVE = `
local now = tonumber(ARGV[1])
local perMin, perHour = tonumber(ARGV[2]), tonumber(ARGV[3])
local wait = 0
for _, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - 3600000)
  local inHour = redis.call('ZCARD', key)
  if inHour >= perHour then
    local s = redis.call('ZRANGE', key, inHour - perHour, inHour - perHour, 'WITHSCORES')
    wait = math.max(wait, tonumber(s[2]) + 3600000 - now)
  end
  local inMin = redis.call('ZCOUNT', key, '(' .. (now - 60000), '+inf')
  if inMin >= perMin then
    local s = redis.call('ZRANGEBYSCORE', key, '(' .. (now - 60000), '+inf', 'WITHSCORES', 'LIMIT', inMin - perMin, 1)
    wait = math.max(wait, tonumber(s[2]) + 60000 - now)
  end
end
if wait > 0 then return wait end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[4] .. ':' .. i)
  redis.call('PEXPIRE', key, 3600000)
end
return 0`

export type SendLimiterOptions = { redis: Redis; prefix: string; perMinute?: number; perHour?: number }
export type SendLimiter = {
  /**
   * Takes one send slot for every recipient, all or nothing. Returns 0 when the message may go now,
   * otherwise the milliseconds until the earliest moment every recipient has a slot (nothing is taken).
   */
  reserve(recipients: readonly string[], nowMs?: number): Promise<number>
}

export function createSendLimiter(o: SendLimiterOptions): SendLimiter {
  const { redis, prefix, perMinute = 30, perHour = 1000 } = o
  return {
    async reserve(recipients, nowMs = Date.now()) {
      const keys = [...new Set(recipients)].map((r) => `${prefix}wecom_send_${r}`)
      if (keys.length === 0) return 0
      const wait = await redis.eval(RESERVE, keys.length, ...keys, nowMs, perMinute, perHour, randomUUID())
      return Number(wait)
    },
  }
}
