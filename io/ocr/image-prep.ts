import sharp, { type Metadata } from 'sharp'
import { reject, type Rejection } from '../../core/errors.js'
import { err, ok, type Result } from '../../core/result.js'
import { deskew } from './deskew.js'
import { flattenBackground, stretchContrast } from './grey-levels.js'
import { greyWithoutSeals } from './seals.js'
import { removeRuleLines } from './rule-lines.js'

export type ImageLimits = { maxBytes: number; maxPixels: number }

export const DEFAULT_IMAGE_LIMITS: ImageLimits = { maxBytes: 20 * 1024 * 1024, maxPixels: 40_000_000 }

/** Tesseract reads Chinese best at 25–35 px per character; screenshots and small photos are upscaled to this width. */
const MIN_WIDTH = 1500
/** Bounds the decoded page (and so memory) whatever the upload size: a 40 Mpx photo is shrunk while decoding. */
const MAX_SIDE = 4000
/** Bounds the page tesseract works on, and so its time: about an A4 page at 200 dpi. */
const MAX_WORK_PIXELS = 4_500_000
/** A page whose grey levels barely vary carries no text (blank scan, lens cap, white screenshot). */
const BLANK_STDEV = 4

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

/**
 * Checks an upload and turns it into a grey, upright, contrast-normalised PNG of bounded size for OCR.
 * Sizes are checked from the header before any pixel is decoded, so a 20,000 × 20,000 px bomb costs nothing.
 */
export async function prepareImage(input: Buffer, limits: ImageLimits = DEFAULT_IMAGE_LIMITS): Promise<Result<PreparedImage, Rejection>> {
  const header = await checkImageHeader(input, limits)
  if (!header.ok) return header
  try {
    return await normalise(input, limits.maxPixels)
  } catch {
    // sharp fails on truncated or corrupt pixel data only once it decodes
    return err(reject('IMAGE_INVALID'))
  }
}

async function normalise(input: Buffer, maxPixels: number): Promise<Result<PreparedImage, Rejection>> {
  const decoded = await sharp(input, { limitInputPixels: maxPixels, failOn: 'truncated', sequentialRead: true })
    .rotate().resize(MAX_SIDE, MAX_SIDE, { fit: 'inside', withoutEnlargement: true }).removeAlpha().raw().toBuffer({ resolveWithObject: true })
  const { width, height, channels } = decoded.info
  const grey = greyWithoutSeals(decoded.data, channels, width, height)
  if (stretchContrast(grey) < BLANK_STDEV) return err(reject('QUOTE_IMAGE_UNREADABLE'))
  const scale = Math.min(Math.max(1, MIN_WIDTH / width), Math.sqrt(MAX_WORK_PIXELS / (width * height)))
  const w = Math.round(width * scale)
  const h = Math.round(height * scale)
  const sized = Math.abs(scale - 1) < 0.02 ? grey : await resample(grey, width, height, w, h)
  await flattenBackground(sized, w, h, resample)
  stretchContrast(sized)
  const page = await deskew(sized, w, h)
  removeRuleLines(page.data, page.w, page.h, Math.round(page.w / 12))
  // 300 dpi: without a density tesseract assumes 70 dpi and mis-sizes its character model
  const png = await sharp(page.data, { raw: { width: page.w, height: page.h, channels: 1 } })
    .toColourspace('b-w').withDensity(300).png({ compressionLevel: 1 }).toBuffer()
  return ok({ png, width: page.w, height: page.h })
}

async function resample(img: Uint8Array, w: number, h: number, tw: number, th: number): Promise<Uint8Array> {
  const out = await sharp(img, { raw: { width: w, height: h, channels: 1 } }).resize(tw, th, { kernel: 'cubic', fit: 'fill' }).extractChannel(0).raw().toBuffer()
  return new Uint8Array(out.buffer, out.byteOffset, out.length)
}
