import type { InferenceSession } from 'onnxruntime-node'

/**
 * How every PP-OCR model session is created (the detector on the main thread, each recogniser on its worker thread):
 * `intraOpNumThreads` threads for one run, sequential, fully optimised. The CPU memory arena stays on: without it
 * every run maps and unmaps its tensors, 2–4× slower for a few % less peak RSS.
 */
export const paddleSessionOptions = (intraOpNumThreads: number): InferenceSession.SessionOptions =>
  ({ intraOpNumThreads, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' })
