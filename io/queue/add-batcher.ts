import type { JobsOptions } from 'bullmq'
import type { AnyQueue } from './queue-kit.js'

type Pending = { data: unknown; opts: JobsOptions; resolve: () => void; reject: (e: unknown) => void }

/**
 * Coalesces adds made within one tick into a single addBulk: a callback burst costs one Redis round trip per
 * batch instead of one script call per job (STACK.md §10: serial add() is 5–7× slower than addBulk).
 * Each caller still learns whether its own job was stored.
 */
export function createAddBatcher(queue: AnyQueue, name: string, maxBatch = 500) {
  let pending: Pending[] = []
  let scheduled = false
  const flush = async () => {
    scheduled = false
    const batch = pending
    pending = []
    try {
      await queue.addBulk(batch.map((p) => ({ name, data: p.data, opts: p.opts })))
      for (const p of batch) p.resolve()
    } catch (e) {
      for (const p of batch) p.reject(e)
    }
  }
  return (data: unknown, opts: JobsOptions): Promise<void> => new Promise((resolve, reject) => {
    pending.push({ data, opts, resolve, reject })
    if (pending.length >= maxBatch) void flush()
    else if (!scheduled) {
      scheduled = true
      setImmediate(() => void flush())
    }
  })
}
