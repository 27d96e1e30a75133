import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { loadDefinition, loadDefinitions } from './load-definition.js'
import { formatIssue } from './issue.js'

const dir = new URL('../../config/processes/', import.meta.url)

describe('every file in config/processes', () => {
  it.each(readdirSync(dir).filter((f) => f.endsWith('.yaml')))('%s loads without issues', (f) => {
    const r = loadDefinition(readFileSync(new URL(f, dir), 'utf8'), f)
    expect('issues' in r ? r.issues.map(formatIssue) : []).toEqual([])
  })
  it('the default process has the seven nodes in order', () => {
    const r = loadDefinition(readFileSync(new URL('new-customer.yaml', dir), 'utf8'), 'new-customer.yaml')
    if ('issues' in r) throw new Error('invalid')
    expect(r.definition.nodes.map((n) => n.name.zh)).toEqual(['线索初筛', '预约确认', '需求探询', '方案演示', '异议处理', '报价跟进', '签约归档'])
    expect(r.definition.nodes.find((n) => n.key === 'appointment')?.timeLimit?.maxDwell).toEqual({ days: 3, minutes: 0 })
    expect(r.definition.nodes.find((n) => n.key === 'discovery')?.deliverables.find((d) => d.kind === 'voice_summary')?.min).toBe(3)
  })
})

const base = (nodes: string, rules: string): string => `id: p
name: { zh: 流程, en: Process }
fields:
  - { key: amount, name: { zh: 金额, en: Amount }, type: number }
  - { key: hot, name: { zh: 热, en: Hot }, type: boolean }
nodes:
  - key: a
    name: { zh: 甲, en: A }
    timeLimit: { maxDwell: 1d }
    deliverables:
      - { key: note, kind: voice_summary, name: { zh: 纪要, en: Note } }
    optional:
      - { key: extra, kind: file, name: { zh: 附件, en: Extra } }
  - key: b
    name: { zh: 乙, en: B }
${nodes}
rules:
${rules}`
const notify = `then: [{ do: notify, to: [owner], message: { zh: 嗨, en: Hi } }]`
const rule = (trigger: string, rest = notify): string => `  - id: r1\n    trigger: ${trigger}\n    ${rest}`

describe('a broken definition lists its problems with line numbers (the line marked #!)', () => {
  it.each([
    ['PROCESS_BAD_DURATION', base('  - key: c\n    name: { zh: 丙, en: C }\n    timeLimit: { maxDwell: 3days } #!', '  []')],
    ['PROCESS_DUPLICATE_KEY', base('  - key: b #!\n    name: { zh: 乙, en: B }', '  []')],
    ['PROCESS_SCHEMA', base('  - key: c\n    name: { zh: 丙, en: C }\n    deliverable: [] #!', '  []')],
    ['PROCESS_SCHEMA', base('  - key: c\n    name: { zh: 丙, en: C }\n    canReturnTo: [c] #!', '  []')],
    ['PROCESS_UNKNOWN_NODE', base('', rule('{ on: node.entered, node: zz } #!'))],
    ['PROCESS_UNKNOWN_FIELD', base('', rule('{ on: field.changed, fields: [nope] } #!'))],
    ['PROCESS_UNKNOWN_FIELD', base('', rule('{ on: node.entered }', 'then: [{ do: set_field, field: nope, value: 1 }] #!'))],
    ['PROCESS_SCHEMA', base('', rule('{ on: node.entered }', 'then: [{ do: set_field, field: amount, value: lots }] #!'))],
    ['PROCESS_UNKNOWN_DELIVERABLE', base('', rule('{ on: node.entered }', 'then: [{ do: require_deliverable, node: a, deliverable: note }] #!'))],
    ['PROCESS_UNKNOWN_DELIVERABLE', base('', rule('{ on: deliverable.arrived, node: b, deliverable: note } #!'))],
    ['PROCESS_SCHEMA', base('', rule('{ on: node.entered }', 'then: [{ do: launch_missiles }] #!'))],
    ['PROCESS_SCHEMA', base('', rule('{ on: moon.rises } #!'))],
    ['PROCESS_OPERATOR_NOT_ALLOWED', base('', rule('{ on: node.entered }', `when: { method: [{ var: fields.amount }, toString] } #!\n    ${notify}`))],
    ['PROCESS_OPERATOR_NOT_ALLOWED', base('', rule('{ on: node.entered }', `when: { and: [true, { "==": [1, 1], "!=": [1, 2] }] } #!\n    ${notify}`))],
    ['PROCESS_FACT_UNKNOWN', base('', rule('{ on: node.entered }', `when: { ">": [{ var: fields.nope }, 1] } #!\n    ${notify}`))],
    ['PROCESS_FACT_UNKNOWN', base('', rule('{ on: node.entered }', `when: { var: [{ cat: [fields, .amount] }] } #!\n    ${notify}`))],
    ['PROCESS_FACT_UNKNOWN', base('', rule('{ on: node.entered }', `when: { missing: [fields.amount, fields.zip] } #!\n    ${notify}`))],
    ['PROCESS_FORBIDDEN_PATH', base('', rule('{ on: node.entered }', `when: { var: fields.__proto__.polluted } #!\n    ${notify}`))],
    ['PROCESS_FORBIDDEN_PATH', base('', rule('{ on: node.entered }', `when: { missing_some: [1, [constructor.prototype]] } #!\n    ${notify}`))],
    ['PROCESS_RULE_CYCLE', base('', `  - id: r1 #!\n    trigger: { on: field.changed, fields: [hot] }\n    then: [{ do: set_field, field: amount, value: 1 }]\n  - id: r2\n    trigger: { on: field.changed, fields: [amount] }\n    then: [{ do: set_field, field: hot, value: true }]`)],
    ['PROCESS_YAML_SYNTAX', base('  - key: c\n    name: { zh: 丙, en: C }} #!', '  []')],
    ['PROCESS_YAML_SYNTAX', `id: p\nid: q #!\n`],
  ])('%s', (code, text) => {
    const line = text.split('\n').findIndex((l) => l.includes('#!')) + 1
    const r = loadDefinition(text, 'p.yaml')
    expect('issues' in r ? r.issues.map((i) => `${i.code}@${i.line}`) : 'loaded').toContain(`${code}@${line}`)
  })

  it('reports every problem at once, sorted, with column and both languages', () => {
    const text = base('  - key: b\n    name: { zh: 乙, en: B }', rule('{ on: node.entered, node: zz }', 'then: [{ do: set_field, field: nope, value: 1 }]'))
    const r = loadDefinition(text, 'p.yaml')
    if (!('issues' in r)) throw new Error('loaded')
    expect(r.issues.map((i) => i.code)).toEqual(['PROCESS_DUPLICATE_KEY', 'PROCESS_UNKNOWN_NODE', 'PROCESS_UNKNOWN_FIELD'])
    expect(r.issues[1]).toEqual({ file: 'p.yaml', line: 20, col: 40, code: 'PROCESS_UNKNOWN_NODE', zh: '引用了不存在的节点 zz', en: 'Unknown node zz' })
    expect(formatIssue(r.issues[1] as never)).toBe('p.yaml:20:40 PROCESS_UNKNOWN_NODE 引用了不存在的节点 zz / Unknown node zz')
  })
})

describe('versions are content hashes', () => {
  const text = base('', rule('{ on: node.entered }'))
  const version = (t: string): string => {
    const r = loadDefinition(t, 'p.yaml')
    if ('issues' in r) throw new Error(JSON.stringify(r.issues))
    return r.definition.version
  }
  it('ignores comments, key order and flow style', () => {
    const reordered = text.replace('id: p\nname: { zh: 流程, en: Process }', '# a comment\nname:\n  en: Process\n  zh: 流程\nid: p')
    expect(version(reordered)).toBe(version(text))
  })
  it('changes when a time limit changes', () => {
    expect(version(text.replace('maxDwell: 1d', 'maxDwell: 2d'))).not.toBe(version(text))
  })
})

describe('keyword rules against the dictionaries', () => {
  const text = base('', rule('{ on: keyword.heard, category: competiter }'))
  it('are checked when categories are given', () => {
    const r = loadDefinition(text, 'p.yaml', { keywordCategories: ['competitor'] })
    expect('issues' in r ? r.issues.map((i) => `${i.code}@${i.line}`) : 'loaded').toEqual(['PROCESS_UNKNOWN_KEYWORD_CATEGORY@19'])
  })
  it('load without dictionaries (unit tests, tools)', () => {
    expect('definition' in loadDefinition(text, 'p.yaml')).toBe(true)
  })
})

describe('a rule that fails the schema does not hide problems elsewhere', () => {
  it('reports the broken rule and the cross-check problems of the rules after it, at their own lines', () => {
    const rules = `${rule('{ on: moon.rises }')}\n  - id: r2\n    trigger: { on: node.entered, node: zz }\n    ${notify}`
    const r = loadDefinition(base('', rules), 'p.yaml')
    expect('issues' in r ? r.issues.map((i) => `${i.code}@${i.line}`) : 'loaded').toEqual(['PROCESS_SCHEMA@19', 'PROCESS_UNKNOWN_NODE@22'])
  })
  it('does not cross-check when nodes themselves are broken (references would be guesses)', () => {
    const r = loadDefinition(base('  - key: c\n    name: { zh: 丙, en: C }\n    timeLimit: { maxDwell: soon }', rule('{ on: node.entered, node: zz }')), 'p.yaml')
    expect('issues' in r ? r.issues.map((i) => i.code) : 'loaded').toEqual(['PROCESS_BAD_DURATION'])
  })
})

describe('loadDefinitions at boot', () => {
  const good = base('', rule('{ on: node.entered }'))
  it('loads every file', () => {
    const r = loadDefinitions([{ file: 'a.yaml', text: good }, { file: 'b.yaml', text: good.replace('id: p', 'id: q') }])
    expect('definitions' in r && r.definitions.map((d) => d.id)).toEqual(['p', 'q'])
  })
  it('refuses the whole set if any file is broken or two files share an id', () => {
    const r = loadDefinitions([{ file: 'a.yaml', text: good }, { file: 'b.yaml', text: good }, { file: 'c.yaml', text: 'id: [' }])
    expect('issues' in r && r.issues.map((i) => `${i.file} ${i.code}`)).toEqual(['c.yaml PROCESS_YAML_SYNTAX', 'b.yaml PROCESS_DUPLICATE_KEY'])
  })
})
