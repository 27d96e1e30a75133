/**
 * A worker thread holding one PP-OCR recogniser (single-threaded onnxruntime session): onnxruntime-node's `run`
 * blocks the thread that calls it, so recognisers in the main thread take turns however many there are; one per
 * worker thread reads lines truly in parallel. Started by paddle-recognisers.ts with the model and dictionary paths.
 */
import { readFile } from 'node:fs/promises'
import { parentPort, workerData } from 'node:worker_threads'
import type { LineStrip } from './paddle-crop.js'
import { readStrip, type StripReading } from './paddle-read-strip.js'
import { paddleSessionOptions } from './paddle-session.js'

export type RecogniserInit = { module: string; modelPath: string; dictionaryPath: string }
export type StripRequest = { id: number; strip: LineStrip }
export type StripAnswer = { id: number; reading: StripReading } | { id: number; error: string }

const { modelPath, dictionaryPath } = workerData as RecogniserInit
const { InferenceSession, Tensor } = await import('onnxruntime-node')
const rec = await InferenceSession.create(modelPath, paddleSessionOptions(1))
// as @gutenye/ocr-common reads it: class k is line k − 1, and the last class a space
const dictionary = [...(await readFile(dictionaryPath, 'utf8')).split('\n'), ' ']

const port = parentPort!
port.on('message', ({ id, strip }: StripRequest) => {
  readStrip(rec, Tensor, dictionary, strip).then(
    reading => port.postMessage({ id, reading } satisfies StripAnswer),
    (e: unknown) => port.postMessage({ id, error: e instanceof Error ? e.message : String(e) } satisfies StripAnswer),
  )
})
port.postMessage('ready')
