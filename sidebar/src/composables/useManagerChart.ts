import type { CellColour, MatrixView } from '../api/dashboard-contract.js'

export const CELL_COLOURS: Record<CellColour, string> = { green: '#52c41a', yellow: '#faad14', red: '#f5222d', blue: '#1890ff', grey: '#e8e8e8' }
const ORDER = Object.keys(CELL_COLOURS) as CellColour[]

/** x = node column, y = member row (first member on top), the run count, and the colour's index for the visual map. */
export type HeatPoint = [number, number, number, number]

export function matrixPoints(m: MatrixView): HeatPoint[] {
  const last = m.rows.length - 1
  return m.rows.flatMap((row, r) => row.cells.map((c, x): HeatPoint => [x, last - r, c.total, ORDER.indexOf(c.colour)]))
}

/** ECharts heatmaps colour through a visual map: one piece per status colour, keyed by the point's 4th value. */
export const COLOUR_PIECES = ORDER.map((c, i) => ({ value: i, color: CELL_COLOURS[c] }))

/** The cell behind a clicked point, or null for an empty one (nothing to list). */
export function cellAtPoint(m: MatrixView, value: readonly number[]): { memberId: string; node: string; colour: CellColour } | null {
  const [x, y] = value
  if (x === undefined || y === undefined) return null
  const row = m.rows[m.rows.length - 1 - y]
  const cell = row?.cells[x]
  if (!row || !cell || cell.total === 0) return null
  return { memberId: row.memberId, node: cell.node, colour: cell.colour }
}
