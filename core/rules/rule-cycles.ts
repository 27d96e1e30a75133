import type { Rule } from '../process/schema-rules.js'

/** Fields a rule writes with set_field. */
const writes = (r: Rule): string[] => r.then.flatMap((a) => (a.do === 'set_field' ? [a.field] : []))

function listensTo(r: Rule, field: string): boolean {
  return r.trigger.on === 'field.changed' && (r.trigger.fields === undefined || r.trigger.fields.includes(field))
}

/**
 * Rules whose set_field actions fire each other (A sets x, x fires B, B sets y, y fires A) would
 * loop forever at run time, so a definition with such a cycle is refused. Returns each cycle as rule ids.
 */
export function findRuleCycles(rules: readonly Rule[]): string[][] {
  const next = new Map(rules.map((r) => [r.id, rules.filter((o) => writes(r).some((f) => listensTo(o, f))).map((o) => o.id)]))
  const state = new Map<string, 'active' | 'done'>()
  const cycles: string[][] = []
  const visit = (id: string, stack: string[]): void => {
    state.set(id, 'active')
    for (const to of next.get(id) ?? []) {
      if (state.get(to) === 'active') cycles.push([...stack.slice(stack.indexOf(to)), id, to])
      else if (!state.has(to)) visit(to, [...stack, id])
    }
    state.set(id, 'done')
  }
  for (const r of rules) if (!state.has(r.id)) visit(r.id, [])
  return cycles
}
