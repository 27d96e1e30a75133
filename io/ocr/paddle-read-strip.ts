import type { InferenceSession } from 'onnxruntime-node'
import type { LineStrip } from './paddle-crop.js'
import { splitGluedRomans } from './paddle-glued-roman.js'
import { strokesLeftUnread, unreadInkAtEnd } from './paddle-reread.js'
import { batchInput, ctcEmissions, decodeEmissions, MIN_SPACE_PROBABILITY, unsureWords, type Decoded } from './paddle-rec.js'
import { checkWordSpaces } from './paddle-spaces.js'
import { recountStrokeRuns } from './paddle-strokes.js'

/** What one strip read as: its text, the code words holding a doubtful character, and whether ink after it went unread. */
export type StripReading = { decoded: Decoded; unsure: string[]; unread: boolean }

/**
 * One strip through a recogniser: its characters, word spaces in codes and Roman suffix strokes (counted, read glued
 * as 1's, or dropped at the strip's end) checked on the strip.
 */
export async function readStrip(rec: InferenceSession, Tensor: typeof import('onnxruntime-node').Tensor, dictionary: readonly string[], strip: LineStrip): Promise<StripReading> {
  const input = batchInput([strip], [0])
  const out = await rec.run({ [rec.inputNames[0]!]: new Tensor('float32', input.data, input.dims) })
  const probs = out[rec.outputNames[0]!]!
  const read = ctcEmissions(probs.data as Float32Array, probs.dims, dictionary, [strip.width], input.dims[3])[0]!
  const stepWidth = input.dims[3] / probs.dims[1]!
  const strokes = strokesLeftUnread(read, strip, stepWidth)
  const kept = strokes ? [...read, ...strokes] : read
  const spaced = splitGluedRomans(checkWordSpaces(kept, strip, stepWidth, MIN_SPACE_PROBABILITY), strip, stepWidth, MIN_SPACE_PROBABILITY)
  const final = recountStrokeRuns(spaced, strip, stepWidth, MIN_SPACE_PROBABILITY)
  return { decoded: decodeEmissions(final, MIN_SPACE_PROBABILITY), unsure: unsureWords(final, MIN_SPACE_PROBABILITY), unread: unreadInkAtEnd(kept, strip, stepWidth) }
}
