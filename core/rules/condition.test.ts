import { describe, expect, it } from 'vitest'
import { evaluateCondition, validateCondition, type Condition } from './condition.js'

const facts = { fields: { industry: '教育', amount: 600000, tags: ['vip'] }, owner: { tenureDays: 40 }, now: { hour: 17, weekday: 5 } }

describe('evaluateCondition (json-logic behind one function)', () => {
  it.each<[string, Condition | undefined, boolean]>([
    ['no condition holds', undefined, true],
    ['equality on Chinese text', { '==': [{ var: 'fields.industry' }, '教育'] }, true],
    ['the brief: 教育 and > 500,000', { and: [{ '==': [{ var: 'fields.industry' }, '教育'] }, { '>': [{ var: 'fields.amount' }, 500000] }] }, true],
    ['strictly greater', { '>': [{ var: 'fields.amount' }, 600000] }, false],
    ['or', { or: [{ '==': [{ var: 'fields.industry' }, '医疗'] }, { '<': [{ var: 'owner.tenureDays' }, 90] }] }, true],
    ['in a list', { in: [{ var: 'fields.industry' }, ['教育', '政府']] }, true],
    ['missing facts', { missing: ['fields.industry', 'fields.region'] }, true],
    ['arithmetic', { '>=': [{ '*': [{ var: 'fields.amount' }, 0.1] }, 60000] }, true],
    ['Friday after five', { and: [{ '==': [{ var: 'now.weekday' }, 5] }, { '>=': [{ var: 'now.hour' }, 17] }] }, true],
    ['a non-whitelisted operator is false, never run', { method: [{ var: 'fields.industry' }, 'toString'] }, false],
    ['a prototype path is false', { '==': [{ var: 'fields.__proto__' }, null] }, false],
    ['loops over data are not offered', { some: [{ var: 'fields.tags' }, { '==': [{ var: '' }, 'vip'] }] }, false],
  ])('%s', (_why, cond, expected) => {
    expect(evaluateCondition(cond, facts)).toBe(expected)
  })
})

describe('validateCondition at load time', () => {
  const known = new Set(['fields.amount', 'fields.industry'])
  it.each<[string, unknown, string[]]>([
    ['known paths and operators', { and: [{ '>': [{ var: 'fields.amount' }, 1] }, { var: ['fields.industry', '无'] }] }, []],
    ['unknown operator', { eval: ['1+1'] }, ['PROCESS_OPERATOR_NOT_ALLOWED']],
    ['nested unknown operator', { and: [true, { reduce: [] }] }, ['PROCESS_OPERATOR_NOT_ALLOWED']],
    ['unknown fact', { var: 'fields.secret' }, ['PROCESS_FACT_UNKNOWN']],
    ['computed path', { var: { cat: ['fields.', 'amount'] } }, ['PROCESS_FACT_UNKNOWN']],
    ['__proto__', { var: '__proto__.x' }, ['PROCESS_FORBIDDEN_PATH']],
    ['constructor inside missing_some', { missing_some: [1, ['constructor']] }, ['PROCESS_FORBIDDEN_PATH']],
    ['missing_some with one path', { missing_some: [1, 'fields.amount'] }, []],
    ['plain values', [1, 'a', null], []],
  ])('%s', (_why, cond, codes) => {
    expect(validateCondition(cond, known).map((p) => p.code)).toEqual(codes)
  })
  it('points at the offending place', () => {
    expect(validateCondition({ and: [true, { var: 'x' }] }, known, ['rules', 0, 'when'])[0]?.path).toEqual(['rules', 0, 'when', 'and', 1, 'var'])
  })
})
