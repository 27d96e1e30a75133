import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { crc32, deflateSync } from 'node:zlib'
import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'
import { createOcrEngine, defaultOcrOptions } from '../../io/ocr/ocr-engine.js'
import { prepareTesseractImage } from '../../io/ocr/tesseract-prep.js'
import { readQuoteImage } from '../../io/ocr/read-quote.js'

// The real engine: tesseract.js workers on the Debian traineddata (apt-get install tesseract-ocr-chi-sim -eng).
const engine = createOcrEngine('tesseract', defaultOcrOptions(process.env, 2))
afterAll(() => engine.close())

/** No CJK font is installed for librsvg, so the rendered quote is in English with the same field structure. */
function renderedQuote(lines: readonly string[], width = 1400): Promise<Buffer> {
  const rows = lines.map((l, i) => `<text x="60" y="${110 + i * 70}" font-family="DejaVu Sans" font-size="38" fill="#111">${l}</text>`).join('')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${140 + lines.length * 70}"><rect width="100%" height="100%" fill="#fff"/>${rows}</svg>`
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer()
}

const QUOTE = ['ACME Medical Supplies Co., Ltd. - Quotation', 'Quote Date: 2026-03-05', 'Model: XM-2000   Qty: 2   Unit Price: 64,250.00',
  'Total: 128,500.00 CNY', 'Valid until 2026-04-30', 'Phone: 0571-84461507']

function bombHeader(width: number, height: number): Buffer {
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

describe('OCR engine (tesseract.js, offline)', () => {
  it('reads a quote image into fields', async () => {
    const r = await readQuoteImage(engine, await renderedQuote(QUOTE))
    if (!r.ok) throw new Error(r.error.code)
    expect(r.value).toMatchObject({ amount: 128_500, models: ['XM-2000'], quoteDate: '2026-03-05', validUntil: '2026-04-30' })
    expect(r.value.text).toContain('128,500')
    expect(r.value.ms).toBeGreaterThan(0)
  })

  const fixture = join(import.meta.dirname, '..', 'fixtures', 'quotes', 'q-dev-005.png')
  it.skipIf(!existsSync(fixture))('reads a Chinese table quote with discount and uppercase total', async () => {
    const r = await readQuoteImage(engine, readFileSync(fixture))
    if (!r.ok) throw new Error(r.error.code)
    expect(r.value).toMatchObject({ amount: 485_000, models: ['TJ-100T', 'LX-20R', 'XN-1000'], quoteDate: '2026-11-19', validUntil: '2027-02-17' })
  })

  it('refuses bad uploads with catalog codes, stays up, and keeps memory bounded', async () => {
    const blank = await sharp({ create: { width: 1200, height: 1600, channels: 3, background: '#fff' } }).jpeg().toBuffer()
    const good = await renderedQuote(QUOTE)
    const bad: [string, Buffer, string][] = [
      ['not an image', Buffer.from('GIF? no, a text file'), 'IMAGE_INVALID'],
      ['truncated', good.subarray(0, good.length / 3), 'IMAGE_INVALID'],
      ['50 MB', Buffer.alloc(50 * 1024 * 1024, 0xff), 'IMAGE_TOO_LARGE'],
      ['20,000 × 20,000 px', bombHeader(20_000, 20_000), 'IMAGE_TOO_LARGE'],
      ['blank page', blank, 'QUOTE_IMAGE_UNREADABLE'],
    ]
    const rssBefore = process.memoryUsage().rss
    for (let round = 0; round < 3; round++) {
      for (const [, image, code] of bad) {
        const r = await engine.recognise(image)
        expect(r.ok ? 'accepted' : r.error.code).toBe(code)
      }
    }
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(150 * 1024 * 1024)
    const after = await engine.recognise(good)
    expect(after.ok).toBe(true)
  })

  it('reads an EXIF-rotated phone photo upright and bounds a big photo', async () => {
    // pixels stored sideways, as a phone camera does, with EXIF orientation 6 ("rotate 90° clockwise to view")
    const sideways = await sharp(await sharp(await renderedQuote(QUOTE)).rotate(-90).toBuffer()).withMetadata({ orientation: 6 }).jpeg().toBuffer()
    const read = await readQuoteImage(engine, sideways)
    if (!read.ok) throw new Error(read.error.code)
    expect(read.value.models).toEqual(['XM-2000'])
    const big = await sharp(await renderedQuote(QUOTE)).resize(7000).jpeg().toBuffer()
    const bounded = await prepareTesseractImage(big, 40_000_000)
    if (!bounded.ok) throw new Error(bounded.error.code)
    expect(bounded.value.width * bounded.value.height).toBeLessThanOrEqual(4_600_000)
  })
})
