import type { ProcessBody } from '../process/schema.js'

/** Path segments json-logic would follow into an object's prototype. */
export const FORBIDDEN_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

/** Facts every condition may read besides the declared opportunity fields. */
const FIXED_FACTS = [
  'node', 'owner.id', 'owner.role', 'owner.tenureDays',
  'now.hour', 'now.weekday', 'now.date',
  'event.type', 'event.node', 'event.field', 'event.from', 'event.to',
  'event.keyword', 'event.category', 'event.level', 'event.deliverable',
] as const

/** Every `var` path a condition in this definition may name. */
export function knownFactPaths(def: Pick<ProcessBody, 'fields' | 'nodes'>): ReadonlySet<string> {
  const paths = new Set<string>(FIXED_FACTS)
  for (const f of def.fields) paths.add(`fields.${f.key}`)
  for (const n of def.nodes) {
    for (const d of [...n.deliverables, ...n.optional]) paths.add(`deliverables.${n.key}.${d.key}`)
  }
  return paths
}
