import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { engineRegistry, tenantOcrChoice } from './engine-choice.js'
import { defaultOcrOptions, PADDLE_MIN_FREE_BYTES, resolveOcrEngine, type OcrEngineOptions } from './ocr-engine.js'
import { installedPaddleModelDir, paddleModelsPresent } from './paddle.client.js'

const GB = 1024 ** 3
const withModels = (modelDir: string | null): OcrEngineOptions => ({ ...defaultOcrOptions({}, 2), paddle: { ...defaultOcrOptions({}, 2).paddle, modelDir } })
const emptyDir = mkdtempSync(join(tmpdir(), 'no-models-'))

describe('choosing the OCR engine', () => {
  it('finds the PP-OCR models of the installed npm package, nothing downloaded', () => {
    expect(paddleModelsPresent(installedPaddleModelDir())).toBe(true)
    expect(defaultOcrOptions({ OCR_PADDLE_MODELS: '/srv/models' }, 2).paddle.modelDir).toBe('/srv/models')
  })

  it.each([
    ['auto', 'installed', 4 * GB, 'paddle'],
    ['auto', 'installed', PADDLE_MIN_FREE_BYTES - 1, 'tesseract'],
    ['auto', 'empty', 4 * GB, 'tesseract'],
    ['auto', 'none', 4 * GB, 'tesseract'],
    ['tesseract', 'installed', 4 * GB, 'tesseract'],
    ['paddle', 'empty', 4 * GB, 'paddle'],
  ] as const)('%s with models %s and %d bytes free → %s', (choice, models, free, want) => {
    const dir = models === 'installed' ? installedPaddleModelDir() : models === 'empty' ? emptyDir : null
    expect(resolveOcrEngine(choice, withModels(dir), free)).toBe(want)
  })

  it.each([
    [{ ocrEngine: 'paddle' }, 'auto', 'paddle'],
    [{ ocrEngine: 'tesseract' }, 'paddle', 'tesseract'],
    [{ ocrEngine: 'easyocr' }, 'auto', 'auto'],
    [{ ocrEngine: 3 }, 'tesseract', 'tesseract'],
    [{}, 'paddle', 'paddle'],
    [null, 'auto', 'auto'],
  ] as const)('tenant settings %j over %s → %s', (settings, fallback, want) => {
    expect(tenantOcrChoice(settings, fallback)).toBe(want)
  })

  it('creates each engine once per process and resolves auto once', async () => {
    let asked = 0
    const engines = engineRegistry(withModels(emptyDir), () => { asked++; return 4 * GB })
    const a = engines.get('auto')
    expect(a.name).toBe('tesseract')
    expect(engines.get('auto')).toBe(a)
    expect(engines.get('tesseract')).toBe(a)
    expect(engines.get('paddle').name).toBe('paddle')
    expect(asked).toBe(1)
    await engines.close()
  })
})
