import sharp from 'sharp'
import { reject, type Rejection } from '../../core/errors.js'
import { err, ok, type Result } from '../../core/result.js'
import { decodeGreyPage, type ImageLimits } from './image-prep.js'
import type { GreyPage } from './paddle-crop.js'

/** PP-OCR's detector takes sides that are multiples of 32. */
const BASE = 32

/**
 * The page size PP-OCR works on: at most `maxPixels`, sides rounded to multiples of 32, never enlarged
 * (its detector finds small text on its own; enlarging only costs memory). Pure, so that the bound is testable.
 */
export function paddleWorkSize(width: number, height: number, maxPixels: number): { width: number; height: number } {
  const scale = Math.min(1, Math.sqrt(maxPixels / (width * height)))
  const side = (n: number): number => Math.max(BASE, Math.floor((n * scale) / BASE) * BASE)
  return { width: side(width), height: side(height) }
}

/**
 * An upload → an upright grey page of bounded size for PP-OCR (raw bytes: no PNG encode and decode in between). Seals are lifted out (a red seal over the total is the
 * commonest reason a total is misread) and contrast is stretched, but the page is not binarised: the
 * detector was trained on natural grey levels. Bad pixel data is a refusal, like the tesseract path.
 */
export async function preparePaddleImage(input: Buffer, limits: ImageLimits, maxPixels: number): Promise<Result<GreyPage, Rejection>> {
  try {
    const decoded = await decodeGreyPage(input, limits.maxPixels)
    if (!decoded.ok) return decoded
    const { grey, width, height } = decoded.value
    const size = paddleWorkSize(width, height, maxPixels)
    const page = await sharp(grey, { raw: { width, height, channels: 1 } })
      .resize(size.width, size.height, { fit: 'fill', kernel: 'lanczos3' }).extractChannel(0).raw().toBuffer()
    return ok({ data: new Uint8Array(page.buffer, page.byteOffset, page.length), ...size })
  } catch {
    return err(reject('IMAGE_INVALID'))
  }
}
