/**
 * Group commit, per key: an item goes at once when nothing of its key is being written; items that arrive
 * while a write is in flight wait and go together (up to `max`) when it ends. An idle system adds no delay
 * (unlike a timer), a busy one turns many statements (and many WAL flushes) into one. If a write throws,
 * the items in it fail.
 */
export function groupCommit<T, R>(write: (key: string, items: T[]) => Promise<R[]>, o: { max: number }): (key: string, item: T) => Promise<R> {
  type Waiting = { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }
  const queues = new Map<string, Waiting[]>()
  const busy = new Set<string>()
  const next = (key: string): void => {
    const queue = queues.get(key) ?? []
    if (busy.has(key) || queue.length === 0) return
    const taken = queue.splice(0, o.max)
    busy.add(key)
    write(key, taken.map((w) => w.item))
      .then((results) => taken.forEach((w, i) => w.resolve(results[i]!)), (err: unknown) => taken.forEach((w) => w.reject(err)))
      .finally(() => {
        busy.delete(key)
        if (queue.length === 0) queues.delete(key)
        next(key)
      })
  }
  return (key, item) => new Promise<R>((resolve, reject) => {
    const queue = queues.get(key) ?? []
    queues.set(key, queue)
    queue.push({ item, resolve, reject })
    next(key)
  })
}
