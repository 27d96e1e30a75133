import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { DEFAULT_IMAGE_LIMITS } from './image-prep.js'
import { createOcrEngine, defaultOcrOptions } from './ocr-engine.js'

describe('tesseract engine configuration', () => {
  it('fails fast and clearly when the traineddata is missing, instead of trying to download it', async () => {
    const engine = createOcrEngine('tesseract', { workers: 1, limits: DEFAULT_IMAGE_LIMITS, tesseract: { langPath: '/nonexistent/tessdata' }, paddle: defaultOcrOptions({}, 1).paddle })
    const page = await sharp({ create: { width: 600, height: 200, channels: 3, background: '#fff' } })
      .composite([{ input: { create: { width: 300, height: 20, channels: 3, background: '#000' } }, top: 90, left: 100 }]).png().toBuffer()
    await expect(engine.recognise(page)).rejects.toThrow('OCR traineddata missing: /nonexistent/tessdata/chi_sim.traineddata')
    await engine.close()
  })

  it.each([
    [{}, 8, '/usr/share/tesseract-ocr/5/tessdata', 2],
    [{ OCR_LANG_PATH: '/opt/tessdata' }, 1, '/opt/tessdata', 1],
  ])('options from env %j on %i cores', (env, cores, langPath, workers) => {
    expect(defaultOcrOptions(env, cores)).toMatchObject({ workers, tesseract: { langPath } })
  })
})
