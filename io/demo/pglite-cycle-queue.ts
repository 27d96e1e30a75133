import type { PGlite } from '@electric-sql/pglite'
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket'

// pglite-socket 0.2.17 queues each protocol *message* and keeps one client exclusive only inside a
// transaction. Outside one, the Parse/Bind/Execute/Sync cycle of one client interleaves with another's, and
// the unnamed statement and portal get crossed: "bind message supplies 2 parameters, but prepared statement
// requires 7", "portal does not exist" — or, worse, one client reading another's rows. This replaces the
// queue's scheduler so a client also stays exclusive until its extended-protocol cycle ends (Sync).

type Item = { handlerId: number; message: Uint8Array; resolve: (n: number) => void; reject: (e: unknown) => void; onData: (d: Uint8Array) => void }
type QueueManager = {
  queue: Item[]; processing: boolean; lastHandlerId: number | null; db: PGlite
  processQueue(): Promise<void>; clearQueueForHandler(id: number): void
}

/** Frontend messages that open or continue an extended-protocol cycle: Parse, Bind, Describe, Execute, Close, Flush. */
const MID_CYCLE = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48])

export function serialiseProtocolCycles(server: PGLiteSocketServer): void {
  const q = (server as unknown as { queryQueue: QueueManager }).queryQueue
  let midCycle = false
  const clear = q.clearQueueForHandler.bind(q)
  q.clearQueueForHandler = (id: number) => {
    clear(id)
    if (q.lastHandlerId === id) midCycle = false // its client left mid-cycle: nobody is waiting on it any more
    void q.processQueue()
  }
  q.processQueue = async function processQueue(this: QueueManager) {
    if (this.processing || this.queue.length === 0) return
    this.processing = true
    try {
      while (this.queue.length > 0) {
        const exclusive = this.lastHandlerId !== null && (midCycle || this.db.isInTransaction())
        const index = exclusive ? this.queue.findIndex((r) => r.handlerId === this.lastHandlerId) : 0
        if (index === -1) break // wait for the client that owns the cycle or transaction; its next message resumes us
        const item = this.queue.splice(index, 1)[0]!
        let bytes = 0
        try {
          await this.db.runExclusive(() => this.db.execProtocolRawStream(item.message, {
            onRawData: (d: Uint8Array) => {
              bytes += d.length
              item.onData(d)
            },
          }))
        } catch (e) {
          item.reject(e)
          continue
        }
        midCycle = MID_CYCLE.has(item.message[0]!)
        this.lastHandlerId = item.handlerId
        item.resolve(bytes)
      }
    } finally {
      this.processing = false
    }
  }.bind(q)
}
