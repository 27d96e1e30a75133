import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseQuote } from '../../core/parsing/quote/parse-quote.js'
import { loadProductCatalogue } from './catalogue.js'

describe('loadProductCatalogue', () => {
  it('loads the example catalogue, which corrects an OCR-mangled model', () => {
    const catalogue = loadProductCatalogue(join(import.meta.dirname, 'example.yaml'))
    const q = parseQuote({ text: '产品型号: SY-11，数量: 10箱\n合计: ¥3,430.00' }, { catalogue })
    expect(q.models).toEqual(['SY-II'])
    expect(q.flags).toContain('model_corrected')
  })

  it.each([
    ['no products', 'products: []\n', /products/],
    ['a model too short', 'products:\n  - model: X\n', /products\.0\.model/],
  ])('refuses %s', (_name, yaml, message) => {
    const path = join(mkdtempSync(join(tmpdir(), 'catalogue-')), 'bad.yaml')
    writeFileSync(path, yaml)
    expect(() => loadProductCatalogue(path)).toThrow(message)
  })
})
