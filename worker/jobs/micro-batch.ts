/**
 * Coalesces calls that arrive together into one batch per key, as DataLoader does: BullMQ hands a worker
 * up to `concurrency` jobs at once, and each job's handler waits here for the batch that carries it. A
 * batch goes when it holds `max` items or `waitMs` after its first item, whichever comes first. The flush
 * answers every item in order; if it throws, every item of the batch fails (and its job is retried).
 */
export type MicroBatchOptions = { max: number; waitMs: number }

type Pending<T, R> = { items: T[]; waiters: { resolve: (r: R) => void; reject: (e: unknown) => void }[]; timer?: NodeJS.Timeout }

export function microBatch<T, R>(flush: (key: string, items: T[]) => Promise<R[]>, o: MicroBatchOptions): (key: string, item: T) => Promise<R> {
  const open = new Map<string, Pending<T, R>>()
  const send = (key: string, p: Pending<T, R>): void => {
    if (open.get(key) === p) open.delete(key)
    clearTimeout(p.timer)
    flush(key, p.items).then(
      (results) => p.waiters.forEach((w, i) => w.resolve(results[i]!)),
      (err: unknown) => p.waiters.forEach((w) => w.reject(err)),
    )
  }
  return (key, item) => new Promise<R>((resolve, reject) => {
    let p = open.get(key)
    if (!p) {
      const fresh: Pending<T, R> = { items: [], waiters: [] }
      fresh.timer = setTimeout(() => send(key, fresh), o.waitMs)
      open.set(key, (p = fresh))
    }
    p.items.push(item)
    p.waiters.push({ resolve, reject })
    if (p.items.length >= o.max) send(key, p)
  })
}
