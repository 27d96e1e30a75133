import { reject, type Rejection } from '../errors.js'
import type { NodeDef, NodeKey, ProcessDefinition } from '../process/schema.js'
import type { Change, Effect } from '../rules/effects.js'
import type { EngineEvent } from '../rules/events.js'
import { err, ok, type Result } from '../result.js'
import type { Calendar } from '../timing/working-calendar.js'
import { describeMissing, missingDeliverables, type MissingDeliverable } from './deliverable-check.js'
import { newRun, reactAll, reminderEffects } from './enter-node.js'
import type { Org } from './org.js'
import type { NodeRun, Opportunity, Transition } from './types.js'

export type AdvanceOptions = {
  /** Target node; default the next one (or closing the opportunity from the last node). */
  to?: NodeKey
  /** Pass the current node without its deliverables, if the definition marks it canSkip. */
  skip?: boolean
  calendar?: Calendar
  org?: Org
  byId?: string
  reason?: string
}
export type AdvanceRejection = Rejection & { missing?: MissingDeliverable[] }
export type Advanced = {
  opportunity: Opportunity
  /** The run just entered; null when the move closed the opportunity. */
  nodeRun: NodeRun | null
  /** Runs this move finished, skipped or sent back. */
  closedRuns: NodeRun[]
  transition: Transition
  changes: Change[]
  effects: Effect[]
}

const notAllowed = (from: NodeKey, to: NodeKey): AdvanceRejection => reject('NODE_TRANSITION_NOT_ALLOWED', { from, to })

/** Nodes passed on the way forward: done if their evidence is in, skipped where allowed, else what is missing. */
function passNodes(opp: Opportunity, def: ProcessDefinition, passed: NodeDef[], skipCurrent: boolean) {
  const skipped: NodeKey[] = []
  const missing: MissingDeliverable[] = []
  passed.forEach((n, i) => {
    const lacking = missingDeliverables(opp, def, n.key)
    if (lacking.length === 0) return
    if (n.canSkip && (i > 0 || skipCurrent)) skipped.push(n.key)
    else missing.push(...lacking)
  })
  return { skipped, missing }
}

function closeRuns(opp: Opportunity, passed: readonly NodeDef[], skipped: readonly NodeKey[], now: Date): { runs: NodeRun[]; closed: NodeRun[] } {
  const closed: NodeRun[] = []
  let runs = opp.nodeRuns
  passed.forEach((n, i) => {
    const open = i === 0 ? runs.findLast((r) => r.node === n.key) : undefined
    const base: NodeRun = open ?? { id: `${opp.id}-${n.key}-${runs.filter((r) => r.node === n.key).length + 1}`, node: n.key, enteredAt: now, reminderLevel: 0 }
    const done: NodeRun = skipped.includes(n.key) ? { ...base, skipped: true } : { ...base, doneAt: now }
    runs = open ? runs.map((r) => (r === open ? done : r)) : [...runs, done]
    closed.push(done)
  })
  return { runs, closed }
}

/**
 * Moves the opportunity on. Forward needs every deliverable of the nodes it leaves (a refusal lists
 * every missing one); skips and returns only where the definition allows, and each move is recorded.
 */
export function advance(opp: Opportunity, def: ProcessDefinition, now: Date, opts: AdvanceOptions = {}): Result<Advanced, AdvanceRejection> {
  if (opp.closedAt) return err(reject('OPPORTUNITY_CLOSED'))
  if (opp.definitionVersion !== def.version) return err(reject('PROCESS_VERSION_MISMATCH', { expected: opp.definitionVersion, actual: def.version }))
  const from = def.nodes.findIndex((n) => n.key === opp.currentNode)
  const to = opts.to === undefined ? from + 1 : def.nodes.findIndex((n) => n.key === opts.to)
  const current = def.nodes[from]
  if (!current || to < 0 || to === from) return err(notAllowed(opp.currentNode, opts.to ?? '?'))
  const target = def.nodes[to]
  const meta = { at: now, ...(opts.byId ? { byId: opts.byId } : {}), ...(opts.reason ? { reason: opts.reason } : {}) }
  if (to < from) {
    if (!target || !current.canReturnTo.includes(target.key)) return err(notAllowed(current.key, opts.to ?? '?'))
    const open = opp.nodeRuns.findLast((r) => r.node === current.key)
    const sentBack = open ? [{ ...open, returnedAt: now }] : []
    const runs = opp.nodeRuns.map((r) => (r === open ? { ...r, returnedAt: now } : r))
    return ok(enter({ ...opp, nodeRuns: runs }, def, target, now, opts, sentBack, { from: current.key, to: target.key, kind: 'back', skipped: [], ...meta }))
  }
  const passed = def.nodes.slice(from, to)
  const { skipped, missing } = passNodes(opp, def, passed, opts.skip === true)
  if (missing.length > 0) return err({ ...reject('DELIVERABLES_MISSING', { node: current.key, missing: describeMissing(missing) }), missing })
  const { runs, closed } = closeRuns(opp, passed, skipped, now)
  const kind = !target ? 'close' : skipped.length > 0 ? 'skip' : 'forward'
  const transition: Transition = { from: current.key, to: target?.key ?? null, kind, skipped, ...meta }
  return ok(enter({ ...opp, nodeRuns: runs }, def, target, now, opts, closed, transition))
}

function enter(opp: Opportunity, def: ProcessDefinition, target: NodeDef | undefined, now: Date, opts: AdvanceOptions, closed: NodeRun[], transition: Transition): Advanced {
  const org = opts.org ?? { members: [] }
  const left: EngineEvent[] = closed.filter((r) => r.node === transition.from).map((r) => ({ type: 'node.left', node: r.node, runId: r.id }))
  const transitions = [...(opp.transitions ?? []), transition]
  if (!target) {
    const reaction = reactAll({ ...opp, transitions, closedAt: now }, def, left, now, org, opts.calendar)
    return { ...reaction, nodeRun: null, closedRuns: closed, transition }
  }
  const run = newRun(opp, target, now, opts.calendar)
  const moved: Opportunity = { ...opp, currentNode: target.key, nodeRuns: [...opp.nodeRuns, run], transitions }
  const reaction = reactAll(moved, def, [...left, { type: 'node.entered', node: target.key, runId: run.id }], now, org, opts.calendar)
  const reminders = reminderEffects(moved, run, target, def, now, opts.calendar)
  return { ...reaction, effects: [...reminders, ...reaction.effects], nodeRun: run, closedRuns: closed, transition }
}
