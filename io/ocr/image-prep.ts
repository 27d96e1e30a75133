import sharp, { type Metadata } from 'sharp'
import { reject, type Rejection } from '../../core/errors.js'
import { err, ok, type Result } from '../../core/result.js'
import { stretchContrast } from './grey-levels.js'
import { greyWithoutSeals } from './seals.js'

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

/** Bounds the page decoded from an upload (and so memory) whatever its size: a 40 Mpx photo is shrunk while decoding. */
const MAX_SIDE = 4000
/** A page whose grey levels barely vary carries no text (blank scan, lens cap, white screenshot). */
const BLANK_STDEV = 4

export type GreyImage = { grey: Uint8Array; width: number; height: number }

/** Interleaved pixels (1–4 channels) to grey levels: where seal ink is taken out (seals.ts, tesseract-seals.ts). */
export type ToGrey = (data: Uint8Array, channels: number, width: number, height: number) => Uint8Array

/**
 * What both engines start from: the upload decoded upright (EXIF), at most MAX_SIDE a side, in grey with red seals
 * lifted out (`toGrey`; tesseract takes out more seal ink than PP-OCR needs) and contrast stretched; a blank page is
 * QUOTE_IMAGE_UNREADABLE. Throws on bad pixel data (sharp finds it only while decoding): callers turn that into
 * IMAGE_INVALID.
 */
export async function decodeGreyPage(input: Buffer, maxPixels: number, toGrey: ToGrey = greyWithoutSeals): Promise<Result<GreyImage, Rejection>> {
  const decoded = await sharp(input, { limitInputPixels: maxPixels, failOn: 'truncated', sequentialRead: true })
    .rotate().resize(MAX_SIDE, MAX_SIDE, { fit: 'inside', withoutEnlargement: true }).removeAlpha().raw().toBuffer({ resolveWithObject: true })
  const { width, height, channels } = decoded.info
  const grey = toGrey(decoded.data, channels, width, height)
  if (stretchContrast(grey) < BLANK_STDEV) return err(reject('QUOTE_IMAGE_UNREADABLE'))
  return ok({ grey, width, height })
}
