import type { I18nText } from '../process/schema-parts.js'
import type { DeliverableDef } from '../process/schema-deliverables.js'
import type { NodeKey, ProcessDefinition } from '../process/schema.js'
import { evidenceProblems, type EvidenceProblem } from './evidence-rules.js'
import type { Opportunity } from './types.js'

/** One deliverable a node still lacks: how many count, how many are needed, and why others did not count. */
export type MissingDeliverable = {
  node: NodeKey
  key: string
  name: I18nText
  kind: DeliverableDef['kind']
  need: number
  have: number
  problems: EvidenceProblem[]
}

/** The node's own deliverables plus those rules required for this opportunity. */
export function requiredDeliverables(opp: Opportunity, def: ProcessDefinition, node: NodeKey): DeliverableDef[] {
  const n = def.nodes.find((x) => x.key === node)
  if (!n) return []
  const extra = (opp.requirements ?? []).filter((r) => r.node === node).map((r) => n.optional.find((d) => d.key === r.deliverable))
  const all = [...n.deliverables, ...extra.filter((d): d is DeliverableDef => d !== undefined)]
  return all.filter((d, i) => all.findIndex((x) => x.key === d.key) === i)
}

/** Every deliverable the node lacks; empty when the node may close. */
export function missingDeliverables(opp: Opportunity, def: ProcessDefinition, node: NodeKey): MissingDeliverable[] {
  return requiredDeliverables(opp, def, node).flatMap((d): MissingDeliverable[] => {
    const items = opp.deliverables.filter((x) => x.node === node && x.key === d.key)
    const verdicts = items.map((item) => evidenceProblems(d, item, opp))
    const have = verdicts.filter((p) => p.length === 0).length
    if (have >= d.min) return []
    const problems = [...new Set(verdicts.flat())]
    return [{ node, key: d.key, name: d.name, kind: d.kind, need: d.min, have, problems }]
  })
}

/** Both languages in one line, for the DELIVERABLES_MISSING message. */
export const describeMissing = (missing: readonly MissingDeliverable[]): string =>
  missing.map((m) => `${m.name.zh} ${m.name.en} (${m.have}/${m.need})`).join('; ')
