import sharp from 'sharp'
import { reject, type Rejection } from '../../core/errors.js'
import { err, ok, type Result } from '../../core/result.js'
import { flattenBackground, stretchContrast } from './grey-levels.js'
import { decodeGreyPage, type PreparedImage } from './image-prep.js'
import { removeRuleLines } from './rule-lines.js'
import { greyWithoutSealInk } from './tesseract-seals.js'
import { levelPage } from './tesseract-skew.js'
import { medianTextHeight } from './tesseract-text-height.js'

/** Bounds the page tesseract works on, and so its time: about an A4 page at 200 dpi. */
const MAX_WORK_PIXELS = 4_500_000
/**
 * The band of text heights (px, as measured by medianTextHeight) the page is resized into. Smaller text is enlarged:
 * tesseract splits and misreads smaller Chinese characters. Taller text is shrunk: the LSTM scales every line to its
 * own input height anyway, so extra pixels cost layout analysis and thresholding time without reading better. On the
 * dev set (16–24 px documents, 39–44 px retina chat screenshots) the fixed "1500 px wide" upscale it replaces cost
 * about 10 % more CPU per image for the same fields, and chat screenshots read as well at half size.
 */
export const MIN_TEXT_PX = 16
export const MAX_TEXT_PX = 20
const MAX_UPSCALE = 2

/**
 * The factor the page is resized by before OCR, from its measured text height (a 4000 px phone photo of an A4 page
 * or a retina chat screenshot is shrunk, a small scan enlarged, at most 2×), never past MAX_WORK_PIXELS; a page with
 * no measurable text is left as it is. Within 4 % of 1 is 1: resampling blurs and costs time for nothing.
 */
export function tesseractScale(textHeight: number | null, width: number, height: number): number {
  const wanted = textHeight === null ? 1
    : textHeight < MIN_TEXT_PX ? Math.min(MAX_UPSCALE, MIN_TEXT_PX / textHeight)
    : textHeight > MAX_TEXT_PX ? MAX_TEXT_PX / textHeight
    : 1
  const scale = Math.min(wanted, Math.sqrt(MAX_WORK_PIXELS / (width * height)))
  return Math.abs(scale - 1) < 0.04 ? 1 : scale
}

/** The page as the PNG tesseract reads and as its raw grey pixels (for cutting out pieces to read again). */
export type TesseractPage = PreparedImage & { grey: Uint8Array }

/**
 * An upload (already checked by checkImageHeader) as the grey, levelled, contrast-normalised 300 dpi PNG tesseract
 * reads, resized so its text is MIN_TEXT_PX–MAX_TEXT_PX tall; seals, uneven lighting and table rules removed. One
 * decode; the text height is measured on the decoded page before any resampling.
 */
export async function prepareTesseractImage(input: Buffer, maxPixels: number): Promise<Result<TesseractPage, Rejection>> {
  try {
    return await normalise(input, maxPixels)
  } catch {
    // sharp fails on truncated or corrupt pixel data only once it decodes
    return err(reject('IMAGE_INVALID'))
  }
}

async function normalise(input: Buffer, maxPixels: number): Promise<Result<TesseractPage, Rejection>> {
  // tesseract's own seal removal (tesseract-seals.ts): washed-out seals and a seal's rim and fringe go too
  const decoded = await decodeGreyPage(input, maxPixels, greyWithoutSealInk)
  if (!decoded.ok) return decoded
  const { grey, width, height } = decoded.value
  const scale = tesseractScale(medianTextHeight(grey, width, height), width, height)
  const w = Math.round(width * scale)
  const h = Math.round(height * scale)
  const sized = scale === 1 ? grey : await resample(grey, width, height, w, h)
  await flattenBackground(sized, w, h, resample)
  stretchContrast(sized)
  const page = await levelPage(sized, w, h)
  removeRuleLines(page.data, page.w, page.h, Math.round(page.w / 12))
  const png = await tesseractPng(page.data, page.w, page.h)
  return ok({ png, width: page.w, height: page.h, grey: page.data })
}

/** Grey pixels as the PNG tesseract reads: at 300 dpi, since without a density it assumes 70 dpi and mis-sizes its character model. */
export const tesseractPng = (grey: Uint8Array, width: number, height: number): Promise<Buffer> =>
  sharp(grey, { raw: { width, height, channels: 1 } }).toColourspace('b-w').withDensity(300).png({ compressionLevel: 1 }).toBuffer()

async function resample(img: Uint8Array, w: number, h: number, tw: number, th: number): Promise<Uint8Array> {
  const out = await sharp(img, { raw: { width: w, height: h, channels: 1 } }).resize(tw, th, { kernel: 'cubic', fit: 'fill' }).extractChannel(0).raw().toBuffer()
  return new Uint8Array(out.buffer, out.byteOffset, out.length)
}
