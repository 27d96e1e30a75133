import type { PathProblem } from './issue.js'
import type { ProcessBody } from './schema.js'
import type { Rule } from './schema-rules.js'
import { validateCondition } from '../rules/condition.js'
import { knownFactPaths } from '../rules/facts.js'
import { findRuleCycles } from '../rules/rule-cycles.js'

type Path = (string | number)[]

function duplicates(keys: readonly string[], at: (i: number) => Path): PathProblem[] {
  return keys.flatMap((k, i) => (keys.indexOf(k) < i ? [{ path: at(i), code: 'PROCESS_DUPLICATE_KEY' as const, params: { key: k } }] : []))
}

function checkNodes(def: ProcessBody): PathProblem[] {
  const keys = def.nodes.map((n) => n.key)
  return [
    ...duplicates(keys, (i) => ['nodes', i, 'key']),
    ...duplicates(def.fields.map((f) => f.key), (i) => ['fields', i, 'key']),
    ...duplicates(def.rules.map((r) => r.id), (i) => ['rules', i, 'id']),
    ...def.nodes.flatMap((n, i) => [
      ...duplicates([...n.deliverables, ...n.optional].map((d) => d.key), (j) =>
        j < n.deliverables.length ? ['nodes', i, 'deliverables', j, 'key'] : ['nodes', i, 'optional', j - n.deliverables.length, 'key']),
      ...n.canReturnTo.flatMap((to, j): PathProblem[] => {
        const at = ['nodes', i, 'canReturnTo', j]
        if (!keys.includes(to)) return [{ path: at, code: 'PROCESS_UNKNOWN_NODE', params: { key: to } }]
        if (keys.indexOf(to) >= i) return [{ path: at, code: 'PROCESS_SCHEMA', params: { path: at.join('.'), whyZh: '只能退回到之前的节点', why: 'must name an earlier node' } }]
        return []
      }),
    ]),
  ]
}

function refChecker(def: ProcessBody) {
  const node = (key: string | undefined, at: Path): PathProblem[] =>
    key === undefined || def.nodes.some((n) => n.key === key) ? [] : [{ path: at, code: 'PROCESS_UNKNOWN_NODE', params: { key } }]
  const field = (key: string, at: Path): PathProblem[] =>
    def.fields.some((f) => f.key === key) ? [] : [{ path: at, code: 'PROCESS_UNKNOWN_FIELD', params: { key } }]
  const deliverable = (nodeKey: string | undefined, key: string, at: Path, onlyOptional = false): PathProblem[] => {
    const nodes = def.nodes.filter((n) => nodeKey === undefined || n.key === nodeKey)
    const found = nodes.some((n) => [...(onlyOptional ? [] : n.deliverables), ...n.optional].some((d) => d.key === key))
    return found || (nodeKey !== undefined && nodes.length === 0)
      ? []
      : [{ path: at, code: 'PROCESS_UNKNOWN_DELIVERABLE', params: { node: nodeKey ?? '*', key } }]
  }
  return { node, field, deliverable }
}

function fieldValueProblem(def: ProcessBody, field: string, value: unknown, at: Path): PathProblem[] {
  const f = def.fields.find((x) => x.key === field)
  if (!f || value === null) return []
  const fits = f.type === 'date' ? typeof value === 'string' : typeof value === f.type
  const allowed = fits && (f.options === undefined || f.options.includes(String(value)))
  return allowed ? [] : [{ path: at, code: 'PROCESS_SCHEMA', params: { path: at.join('.'), whyZh: `取值与字段类型 ${f.type} 不符`, why: `value does not fit field type ${f.type}` } }]
}

function checkRule(def: ProcessBody, r: Rule, i: number, known: ReadonlySet<string>): PathProblem[] {
  const ref = refChecker(def)
  const t = r.trigger
  const at = (...p: Path): Path => ['rules', i, ...p]
  const out: PathProblem[] = []
  if (t.on === 'node.entered' || t.on === 'node.left' || t.on === 'node.overdue') out.push(...ref.node(t.node, at('trigger', 'node')))
  if (t.on === 'field.changed') (t.fields ?? []).forEach((f, j) => out.push(...ref.field(f, at('trigger', 'fields', j))))
  if (t.on === 'deliverable.arrived') {
    out.push(...ref.node(t.node, at('trigger', 'node')))
    if (t.deliverable !== undefined) out.push(...ref.deliverable(t.node, t.deliverable, at('trigger', 'deliverable')))
  }
  if (r.when !== undefined) out.push(...validateCondition(r.when, known, at('when')))
  r.then.forEach((a, j) => {
    if (a.do === 'require_deliverable') {
      const nodeProblems = ref.node(a.node, at('then', j, 'node'))
      out.push(...nodeProblems, ...(nodeProblems.length ? [] : ref.deliverable(a.node, a.deliverable, at('then', j, 'deliverable'), true)))
    }
    if (a.do === 'set_field') out.push(...ref.field(a.field, at('then', j, 'field')), ...fieldValueProblem(def, a.field, a.value, at('then', j, 'value')))
  })
  return out
}

function checkKeywordCategories(def: ProcessBody, known: readonly string[] | undefined): PathProblem[] {
  if (known === undefined) return []
  return def.rules.flatMap((r, i): PathProblem[] =>
    r.trigger.on === 'keyword.heard' && r.trigger.category !== undefined && !known.includes(r.trigger.category)
      ? [{ path: ['rules', i, 'trigger', 'category'], code: 'PROCESS_UNKNOWN_KEYWORD_CATEGORY', params: { key: r.trigger.category } }]
      : [])
}

export type CrossCheckOptions = { keywordCategories?: readonly string[] }

/** Checks a schema-valid body for what a schema cannot see: references, duplicates, conditions and rule cycles. */
export function crossCheck(def: ProcessBody, opts: CrossCheckOptions = {}): PathProblem[] {
  const known = knownFactPaths(def)
  const cycles = findRuleCycles(def.rules).map((cycle): PathProblem => ({
    path: ['rules', def.rules.findIndex((r) => r.id === cycle[0])],
    code: 'PROCESS_RULE_CYCLE',
    params: { cycle: cycle.join(' → ') },
  }))
  return [...checkNodes(def), ...def.rules.flatMap((r, i) => checkRule(def, r, i, known)), ...cycles, ...checkKeywordCategories(def, opts.keywordCategories)]
}
