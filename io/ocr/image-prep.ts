import sharp, { type Metadata } from 'sharp'
import { reject, type Rejection } from '../../core/errors.js'
import { err, ok, type Result } from '../../core/result.js'

export type ImageLimits = { maxBytes: number; maxPixels: number }

export const DEFAULT_IMAGE_LIMITS: ImageLimits = { maxBytes: 20 * 1024 * 1024, maxPixels: 40_000_000 }

/** A page ready for an engine (each engine prepares its own: tesseract-prep.ts, paddle-prep.ts). */
export type PreparedImage = { png: Buffer; width: number; height: number }

const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`

/** The cheap checks, from the byte count and the header only: nothing is decoded. */
export async function checkImageHeader(input: Buffer, limits: ImageLimits = DEFAULT_IMAGE_LIMITS): Promise<Result<Metadata, Rejection>> {
  if (input.length > limits.maxBytes) return err(reject('IMAGE_TOO_LARGE', { detail: `${mb(input.length)} > ${mb(limits.maxBytes)}` }))
  if (input.length === 0) return err(reject('IMAGE_INVALID'))
  let meta: Metadata
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata()
  } catch {
    return err(reject('IMAGE_INVALID'))
  }
  const { width = 0, height = 0 } = meta
  if (width <= 0 || height <= 0) return err(reject('IMAGE_INVALID'))
  if (width * height > limits.maxPixels) {
    return err(reject('IMAGE_TOO_LARGE', { detail: `${width}×${height} px > ${(limits.maxPixels / 1e6).toFixed(0)} Mpx` }))
  }
  return ok(meta)
}
