import { crc32, deflateSync } from 'node:zlib'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { checkImageHeader, DEFAULT_IMAGE_LIMITS, type ImageLimits } from './image-prep.js'
import { prepareTesseractImage } from './tesseract-prep.js'

/** A PNG that declares its size but carries almost no pixel data: a decompression bomb's header. */
function pngHeaderOnly(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body))
    return Buffer.concat([len, body, crc])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0); ihdr.writeUInt32BE(height, 4); ihdr.set([8, 0, 0, 0, 0], 8)
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(64))), chunk('IEND', Buffer.alloc(0))])
}

const textImage = (w: number, h: number) => sharp(Buffer.from(
  `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="100%" height="100%" fill="#fff"/>` +
  `<text x="10" y="${h / 2}" font-size="${h / 4}" fill="#000">Total: 128,500.00</text></svg>`))

/** What the tesseract engine does with an upload: the header checks, then its page preparation. */
async function prepareImage(input: Buffer, limits: ImageLimits = DEFAULT_IMAGE_LIMITS) {
  const header = await checkImageHeader(input, limits)
  return header.ok ? prepareTesseractImage(input, limits.maxPixels) : header
}

describe('an upload is refused with a catalog code', () => {
  it.each([
    ['empty file', async () => Buffer.alloc(0), 'IMAGE_INVALID'],
    ['not an image', async () => Buffer.from('%PDF-1.7 this is not a picture'), 'IMAGE_INVALID'],
    ['truncated JPEG', async () => (await textImage(800, 400).jpeg().toBuffer()).subarray(0, 2000), 'IMAGE_INVALID'],
    ['truncated PNG', async () => (await textImage(800, 400).png().toBuffer()).subarray(0, 300), 'IMAGE_INVALID'],
    ['20,000 × 20,000 px, refused from its header', async () => pngHeaderOnly(20_000, 20_000), 'IMAGE_TOO_LARGE'],
    ['blank white page', async () => sharp({ create: { width: 900, height: 1200, channels: 3, background: '#ffffff' } }).jpeg().toBuffer(), 'QUOTE_IMAGE_UNREADABLE'],
    ['grey photo of nothing', async () => sharp({ create: { width: 900, height: 1200, channels: 3, background: '#808080' } }).png().toBuffer(), 'QUOTE_IMAGE_UNREADABLE'],
  ])('%s', async (_name, make, code) => {
    const r = await prepareImage(await make())
    expect(r.ok ? 'accepted' : r.error.code).toBe(code)
  })

  it('refuses a file over the byte cap before looking inside', async () => {
    const r = await prepareImage(Buffer.alloc(2048, 1), { maxBytes: 1024, maxPixels: 40_000_000 })
    expect(r).toEqual({ ok: false, error: { code: 'IMAGE_TOO_LARGE', params: { detail: '0.0 MB > 0.0 MB' } } })
  })
})
