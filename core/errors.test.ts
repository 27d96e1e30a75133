import { describe, expect, it } from 'vitest'
import { ERRORS, isErrorCode, renderMessage } from './errors.js'

describe('error catalog', () => {
  it.each(Object.keys(ERRORS))('%s has a status and both languages', (code) => {
    const e = ERRORS[code as keyof typeof ERRORS]
    expect(e.status).toBeGreaterThanOrEqual(400)
    expect(e.zh).toMatch(/[\u4e00-\u9fff]/)
    expect(e.en).toMatch(/[A-Za-z]/)
  })
  it('fills params in both languages and leaves unknown placeholders visible', () => {
    expect(renderMessage('DELIVERABLES_MISSING', { missing: '报价单' })).toEqual({
      zh: '缺少交付物：报价单', en: 'Missing deliverables: 报价单',
    })
    expect(renderMessage('NOT_FOUND').zh).toBe('找不到：{what}')
  })
  it('recognises codes across serialisation boundaries by string', () => {
    expect(isErrorCode('CALLBACK_BAD_SIGNATURE')).toBe(true)
    expect(isErrorCode('toString')).toBe(false)
  })
})
