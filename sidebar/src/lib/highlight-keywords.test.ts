import { describe, expect, it } from 'vitest'
import type { Keyword } from '../api/contract.js'
import { highlightKeywords, keywordsHeard } from './highlight-keywords.js'

const KEYWORDS: Keyword[] = [
  { word: '预算', aliases: ['经费'] },
  { word: '招标', aliases: [] },
  { word: '招标文件', aliases: [] },
  { word: '院长', aliases: ['副院长'] },
  { word: 'ICU', aliases: [] },
]

const render = (text: string) => highlightKeywords(text, KEYWORDS).map((s) => (s.keyword ? `[${s.text}→${s.keyword}]` : s.text)).join('')

describe('highlightKeywords', () => {
  it.each([
    ['科室今年预算已经批了', '科室今年[预算→预算]已经批了'],
    ['经费不够，明年招标', '[经费→预算]不够，明年[招标→招标]'],
    ['招标文件下周挂网', '[招标文件→招标文件]下周挂网'],
    ['副院长说要上会', '[副院长→院长]说要上会'],
    ['icu wants two; PICU none; ICUs later', '[icu→ICU] wants two; PICU none; ICUs later'],
    ['没有关键词', '没有关键词'],
    ['', ''],
  ])('%s', (text, expected) => {
    expect(render(text)).toBe(expected)
  })

  it('keeps every character of the text, in order', () => {
    const text = '院长和副院长都关心预算，招标文件还没出'
    expect(highlightKeywords(text, KEYWORDS).map((s) => s.text).join('')).toBe(text)
  })

  it('returns plain text when there are no keywords', () => {
    expect(highlightKeywords('预算', [])).toEqual([{ text: '预算', keyword: null }])
  })
})

describe('keywordsHeard', () => {
  it.each([
    ['经费和预算都谈了，院长也在', ['预算', '院长']],
    ['招标文件和招标', ['招标文件', '招标']],
    ['无', []],
  ])('%s → %j', (text, expected) => {
    expect(keywordsHeard(text, KEYWORDS)).toEqual(expected)
  })
})
