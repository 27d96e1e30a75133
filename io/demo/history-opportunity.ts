import { DEMO_SUMMARIES } from './demo-data.js'
import { activity, deliverable, visit, type EvidenceCtx, type OppPlan } from './history-evidence.js'
import { DAY, HOUR, officeHours, type RunPlan, type Timeline } from './history-timeline.js'

const audit = (c: EvidenceCtx, o: OppPlan, at: Date, entity: string, entityId: string, action: string, data: Record<string, unknown>) =>
  c.rows.audit.push({ tenantId: c.tenantId, at, actor: `member:${o.owner.platformUserId}`, entity, entityId, action, data })

/** Spread n moments over [from, to], in order, each moved into office hours when that still falls before `to`. */
const moments = (c: EvidenceCtx, from: Date, to: Date, n: number) => Array.from({ length: n }, (_, k) => {
  const at = from.getTime() + ((to.getTime() - from.getTime()) * (k + 1)) / (n + 1)
  const office = officeHours(at, c.rng)
  return office < to ? office : new Date(at)
})

/** The approval trail of a quote (contracts get theirs from history-trace.ts): submitted by the rep, approved by the manager (and the director for large deals). */
function approvals(c: EvidenceCtx, o: OppPlan, spName: string, at: Date, decided: boolean): string {
  const spNo = `${at.toISOString().slice(0, 10).replace(/-/g, '')}${String(c.rng.int(1000, 9999))}`
  activity(c, o, 'approval', at, `${spName} ${spNo}：${o.owner.name} 提交`, { spNo, spName, spStatus: '1', applicant: o.owner.platformUserId })
  if (!decided) return spNo
  const approvers = o.product.amount >= 1_000_000 ? [c.manager, c.director] : [c.manager]
  for (const [k, who] of approvers.entries()) {
    const when = new Date(at.getTime() + (k + 1) * 5 * HOUR)
    activity(c, o, 'approval', when, `${spName} ${spNo}：${who.name} 同意`, { spNo, spName, spStatus: k === approvers.length - 1 ? '2' : '1',
      applicant: o.owner.platformUserId, approver: who.platformUserId }, who.id)
  }
  return spNo
}

/**
 * The evidence of one run. A closed run has all of it, arriving before it closed; an open run lacks its last piece
 * (a quote is in but its approval pending), and one past due also has the visit the rep made to chase it.
 */
function runEvidence(c: EvidenceCtx, o: OppPlan, run: RunPlan, spNos: string[]): void {
  const node = c.def.nodes.find((n) => n.key === run.node)!
  const open = run.doneAt === null
  const end = run.doneAt ?? new Date(Math.min(c.now.getTime() - 2 * HOUR, (run.dueAt ?? c.now).getTime() + DAY))
  // Evidence lands by `end` less a margin: a quote is confirmed five minutes after its image arrives.
  const last = new Date(end.getTime() - 10 * 60_000)
  if (last <= run.enteredAt) return // entered just now: nothing submitted yet
  const items = open ? node.deliverables.filter((d, k) => d.kind === 'quote' || k < node.deliverables.length - 1) : node.deliverables
  const at = moments(c, run.enteredAt, last, items.length + 1)
  activity(c, o, 'voice', at[0]!, c.rng.pick(DEMO_SUMMARIES))
  for (const [k, d] of items.entries()) {
    for (const id of deliverable(c, o, run, d, at[k + 1]!)) audit(c, o, at[k + 1]!, 'deliverable', id, 'deliverable.submitted', { node: run.node, kind: d.kind, key: d.key })
    if (d.kind === 'quote') spNos.push(approvals(c, o, '报价审批', new Date(at[k + 1]!.getTime() + HOUR), !open))
  }
  if (open && run.dueAt && run.dueAt < c.now) visit(c, o, moments(c, run.dueAt, new Date(c.now.getTime() - HOUR), 1)[0]!)
}

/** One opportunity with its runs, evidence, approvals and audit entries, added to the rows. */
export function planOpportunity(c: EvidenceCtx, o: OppPlan, t: Timeline): void {
  const spNos: string[] = []
  const first = t.runs[0]!
  audit(c, o, first.enteredAt, 'opportunity', o.id, 'opportunity.started', { processId: c.def.id, version: c.def.version, node: first.node })
  for (const [i, run] of t.runs.entries()) {
    const prev = t.runs[i - 1]
    if (prev) audit(c, o, run.enteredAt, 'opportunity', o.id, 'opportunity.advanced', { from: prev.node, to: run.node, kind: prev.exit === 'skipped' ? 'skip' : 'advance' })
    c.rows.nodeRuns.push({ tenantId: c.tenantId, opportunityId: o.id, ...run, createdAt: run.enteredAt, updatedAt: run.doneAt ?? run.enteredAt })
    if (run.exit !== 'skipped') runEvidence(c, o, run, spNos)
  }
  if (t.closedAt) audit(c, o, t.closedAt, 'opportunity', o.id, `opportunity.${t.status}`, { node: t.runs.at(-1)!.node })
  const amount = o.product.amount.toFixed(2)
  c.rows.opportunities.push({ id: o.id, tenantId: c.tenantId, customerId: o.customer.id, ownerId: o.owner.id, title: o.title, processId: c.def.id,
    definitionVersion: c.def.version, currentNode: t.runs.at(-1)!.node, amount, status: t.status, closedAt: t.closedAt,
    fields: { industry: o.customer.industry, amount: o.product.amount, ...(spNos.length ? { approvals: spNos } : {}) },
    createdAt: first.enteredAt, updatedAt: t.closedAt ?? t.runs.at(-1)!.enteredAt })
}
