import { NODE_RUN_STATUSES, statusColour, type NodeRunStatus, type StatusColour } from '../timing/node-run-status.js'

/** How many runs of one member at one node ended in one status (what the database counts). */
export type StatusCount = { memberId: string; node: string; status: NodeRunStatus; count: number }
export type MatrixMember = { id: string; name: string }
export type MatrixCell = { node: string; counts: Record<NodeRunStatus, number>; total: number; colour: StatusColour }
export type MatrixRow = { memberId: string; name: string; cells: MatrixCell[] }
/** 过程健康度矩阵: reps × nodes of one process over one period. */
export type Matrix = { nodes: string[]; rows: MatrixRow[] }

// A manager looks for trouble first: one overdue run makes the whole cell red, then made-up, then on time.
const SEVERITY: readonly NodeRunStatus[] = ['overdue', 'made_up', 'on_time', 'open', 'not_reached']

const zeroCounts = (): Record<NodeRunStatus, number> =>
  Object.fromEntries(NODE_RUN_STATUSES.map((s) => [s, 0])) as Record<NodeRunStatus, number>

/** The cell's colour: its most severe status present, grey when it holds no run. */
export function cellColour(counts: Record<NodeRunStatus, number>): StatusColour {
  return statusColour(SEVERITY.find((s) => counts[s] > 0) ?? 'not_reached')
}

/** Shape counted statuses into the grid, keeping the members' and nodes' order; counts outside it are dropped. */
export function buildMatrix(members: MatrixMember[], nodes: string[], counts: StatusCount[]): Matrix {
  const grid = new Map<string, Record<NodeRunStatus, number>>()
  const key = (m: string, n: string) => `${m}\u0000${n}`
  for (const c of counts) {
    const k = key(c.memberId, c.node)
    const cell = grid.get(k) ?? zeroCounts()
    cell[c.status] += c.count
    grid.set(k, cell)
  }
  const rows = members.map((m) => ({
    memberId: m.id, name: m.name,
    cells: nodes.map((node) => {
      const c = grid.get(key(m.id, node)) ?? zeroCounts()
      const total = NODE_RUN_STATUSES.reduce((sum, s) => sum + c[s], 0)
      return { node, counts: c, total, colour: cellColour(c) }
    }),
  }))
  return { nodes, rows }
}

/** Which statuses a click on a cell of a colour lists (a red cell → its overdue runs). */
export function statusesOfColour(colour: StatusColour): NodeRunStatus[] {
  return NODE_RUN_STATUSES.filter((s) => statusColour(s) === colour)
}
