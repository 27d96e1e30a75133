import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { keywordCategories, keywordEvents, parseKeywordsYaml, type KeywordDictionary } from './keywords.js'

const shipped = parseKeywordsYaml(readFileSync(new URL('../../config/keywords/sales.yaml', import.meta.url), 'utf8'), 'sales.yaml')
const dict = shipped.ok ? shipped.value : ({ categories: [] } as KeywordDictionary)

describe('config/keywords/sales.yaml', () => {
  it('loads, with the categories the default process names', () => {
    expect(shipped.ok).toBe(true)
    expect(keywordCategories([dict])).toEqual(expect.arrayContaining(['competitor', 'price_objection', 'purchase_intent']))
  })
})

describe('keywordEvents', () => {
  it.each([
    ['a competitor and a price objection', '客户说友商报价便宜，我们太贵了', [['友商', 'competitor'], ['太贵', 'price_objection']]],
    ['full-width letters and spaces', '之前用的是 ＧＥ 的设备', [['GE', 'competitor']]],
    ['case-insensitive', '他们在看ge和飞利浦', [['GE', 'competitor'], ['飞利浦', 'competitor']]],
    ['split by a space', '下周 签 合同', [['签合同', 'purchase_intent']]],
    ['nothing relevant', '好的，明天见', []],
  ])('%s', (_why, text, found) => {
    const events = keywordEvents(text, [dict], 'msg-1')
    expect(events.map((e) => (e.type === 'keyword.heard' ? [e.keyword, e.category] : []))).toEqual(found)
    for (const e of events) expect(e).toMatchObject({ messageId: 'msg-1' })
  })
})

describe('parseKeywordsYaml refuses a bad dictionary with its line', () => {
  it.each([
    ['an empty keyword list', 'categories:\n  - key: x\n    name: { zh: 甲, en: A }\n    keywords: []\n', 4],
    ['a category key with spaces', 'categories:\n  - key: Big Deal\n    name: { zh: 甲, en: A }\n    keywords: [a]\n', 2],
    ['broken YAML', 'categories: [\n', 2],
  ])('%s', (_why, text, line) => {
    const r = parseKeywordsYaml(text, 'k.yaml')
    expect(r.ok ? 'ok' : r.error[0]?.line).toBe(line)
  })
})
