import type { Relation } from '../process/schema-parts.js'
import { directManagerOf, type Org } from '../opportunity/org.js'

/**
 * Member ids for relations to the owner, from the org chart's direct-manager links.
 * A missing manager is left out (the top of the tree has none); the owner is the last resort.
 */
export function resolveRelations(relations: readonly Relation[], ownerId: string, org: Org): string[] {
  const manager = directManagerOf(org, ownerId)
  const grand = manager ? directManagerOf(org, manager.id) : undefined
  const ids = relations.map((r) => (r === 'owner' ? ownerId : r === 'direct_manager' ? manager?.id : grand?.id))
  const found = [...new Set(ids.filter((x): x is string => x !== undefined))]
  return found.length > 0 ? found : [ownerId]
}
