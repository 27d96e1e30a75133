import { describe, expect, it } from 'vitest'
import type { MatrixView } from '../api/dashboard-contract.js'
import { cellAtPoint, COLOUR_PIECES, matrixPoints } from './useManagerChart.js'

const counts = { on_time: 0, made_up: 0, overdue: 0, open: 0, not_reached: 0 }
const M: MatrixView = {
  processId: 'p', from: '', to: '', nodes: ['visit', 'quote'], nodeNames: {},
  rows: [
    { memberId: 'a', name: '李娜', cells: [{ node: 'visit', counts: { ...counts, overdue: 2 }, total: 2, colour: 'red' },
      { node: 'quote', counts, total: 0, colour: 'grey' }] },
    { memberId: 'b', name: '王强', cells: [{ node: 'visit', counts: { ...counts, on_time: 1 }, total: 1, colour: 'green' },
      { node: 'quote', counts: { ...counts, made_up: 4 }, total: 4, colour: 'yellow' }] },
  ],
}

describe('matrixPoints', () => {
  it('puts the first member on the top row, each point carrying its colour', () => {
    expect(matrixPoints(M)).toEqual([[0, 1, 2, 2], [1, 1, 0, 4], [0, 0, 1, 0], [1, 0, 4, 1]])
    expect(COLOUR_PIECES[2]).toEqual({ value: 2, color: '#f5222d' })
  })
})

describe('cellAtPoint', () => {
  it.each([
    [[0, 1, 2], { memberId: 'a', node: 'visit', colour: 'red' }],
    [[1, 0, 4], { memberId: 'b', node: 'quote', colour: 'yellow' }],
    [[1, 1, 0], null],
    [[5, 5, 0], null],
  ])('%j → %j', (value, want) => {
    expect(cellAtPoint(M, value)).toEqual(want)
  })
})
