import type { TimeLimit } from '../process/schema-parts.js'
import type { NodeKey, ProcessDefinition } from '../process/schema.js'
import type { NodeRun, Opportunity } from '../opportunity/types.js'
import { addWorkingTime, type Calendar } from './working-calendar.js'
import { assertNever } from '../result.js'

export const NODE_RUN_STATUSES = ['on_time', 'made_up', 'overdue', 'open', 'not_reached'] as const
export type NodeRunStatus = (typeof NODE_RUN_STATUSES)[number]
export type StatusColour = 'green' | 'yellow' | 'red' | 'blue' | 'grey'

/** When the run is due: pinned at entry when known, else from the time limit; undefined without a limit. */
export function dueAtOf(run: NodeRun, limit: TimeLimit | undefined, cal: Calendar): Date | undefined {
  if (run.dueAt) return run.dueAt
  return limit ? addWorkingTime(run.enteredAt, limit.maxDwell, cal) : undefined
}

/**
 * The dashboard state of a run: on time (closed with its evidence by the due time), made up
 * (closed late), overdue (open past due), open, or not reached (no run, skipped, or sent back).
 */
export function nodeRunStatus(run: NodeRun | undefined, limit: TimeLimit | undefined, cal: Calendar, now: Date): NodeRunStatus {
  if (!run || run.skipped || (run.returnedAt && !run.doneAt)) return 'not_reached'
  const due = dueAtOf(run, limit, cal)
  if (run.doneAt) return !due || run.doneAt <= due ? 'on_time' : 'made_up'
  return due && now > due ? 'overdue' : 'open'
}

/** Colours of the process-health matrix (the sidebar imports this). */
export function statusColour(status: NodeRunStatus): StatusColour {
  switch (status) {
    case 'on_time': return 'green'
    case 'made_up': return 'yellow'
    case 'overdue': return 'red'
    case 'open': return 'blue'
    case 'not_reached': return 'grey'
    default: return assertNever(status, 'node-run status')
  }
}

/** One row of the process-health matrix: each node's latest run as a status and colour. */
export function nodeStatuses(
  opp: Pick<Opportunity, 'nodeRuns'>, def: Pick<ProcessDefinition, 'nodes'>, cal: Calendar, now: Date,
): { node: NodeKey; status: NodeRunStatus; colour: StatusColour }[] {
  return def.nodes.map((n) => {
    const status = nodeRunStatus(opp.nodeRuns.findLast((r) => r.node === n.key), n.timeLimit, cal, now)
    return { node: n.key, status, colour: statusColour(status) }
  })
}
