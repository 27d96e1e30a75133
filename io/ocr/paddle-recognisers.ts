import { Worker } from 'node:worker_threads'
import type { LineStrip } from './paddle-crop.js'
import type { StripReading } from './paddle-read-strip.js'
import type { RecogniserInit, StripAnswer, StripRequest } from './paddle-rec.worker.js'

/** PP-OCR recognisers, one per worker thread; `read(lane, strip)` reads a strip on that lane's thread. */
export type Recognisers = {
  readonly lanes: number
  read(lane: number, strip: LineStrip): Promise<StripReading>
  close(): Promise<void>
}

const WORKER_ENTRY = new URL('./ts-worker.mjs', import.meta.url)
const RECOGNISER_MODULE = new URL('./paddle-rec.worker.ts', import.meta.url).href

/** One thread: its pending reads by id, failed all at once if the thread stops. */
async function startLane(modelPath: string, dictionaryPath: string) {
  const init: RecogniserInit = { module: RECOGNISER_MODULE, modelPath, dictionaryPath }
  const worker = new Worker(WORKER_ENTRY, { workerData: init, execArgv: [] })
  const pending = new Map<number, { resolve: (r: StripReading) => void; reject: (e: Error) => void }>()
  let nextId = 0
  let stopped: Error | null = null
  const fail = (e: Error): void => {
    stopped ??= e
    for (const p of pending.values()) p.reject(stopped)
    pending.clear()
  }
  // (only our own listeners come off after: Worker keeps internal ones that start its message port)
  await new Promise<void>((resolve, reject) => {
    const early = (code: number): void => reject(new Error(`PP-OCR recogniser thread exited (${code}) while starting`))
    worker.once('error', reject)
    worker.once('exit', early)
    worker.once('message', () => { worker.off('error', reject); worker.off('exit', early); resolve() })
  })
  worker.on('message', (answer: StripAnswer) => {
    const p = pending.get(answer.id)
    if (!p) return
    pending.delete(answer.id)
    if ('error' in answer) p.reject(new Error(`PP-OCR recognition failed: ${answer.error}`))
    else p.resolve(answer.reading)
  })
  worker.on('error', fail)
  worker.on('exit', code => fail(new Error(`PP-OCR recogniser thread exited (${code})`)))
  return {
    read(strip: LineStrip): Promise<StripReading> {
      if (stopped) return Promise.reject(stopped)
      const id = nextId++
      return new Promise<StripReading>((resolve, reject) => {
        pending.set(id, { resolve, reject })
        // the strip's pixels move to the thread instead of being copied
        worker.postMessage({ id, strip } satisfies StripRequest, [strip.data.buffer as ArrayBuffer])
      })
    },
    async close(): Promise<void> {
      fail(new Error('PP-OCR recognisers closed'))
      await worker.terminate()
    },
  }
}

/** `threads` recognisers, each on its own worker thread; they start in parallel and the call waits for all. */
export async function startRecognisers(modelPath: string, dictionaryPath: string, threads: number): Promise<Recognisers> {
  const started = await Promise.allSettled(Array.from({ length: threads }, () => startLane(modelPath, dictionaryPath)))
  const lanes = started.flatMap(s => (s.status === 'fulfilled' ? [s.value] : []))
  const failure = started.find((s): s is PromiseRejectedResult => s.status === 'rejected')
  if (failure) {
    await Promise.all(lanes.map(l => l.close()))
    throw failure.reason
  }
  return {
    lanes: lanes.length,
    read: (lane, strip) => lanes[lane]!.read(strip),
    close: async () => { await Promise.all(lanes.map(l => l.close())) },
  }
}
