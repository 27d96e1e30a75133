import { describe, expect, it } from 'vitest'
import { orderLines, type RawLine } from './ocr-lines.js'

const line = (text: string, x0: number, y0: number, x1: number, y1: number, confidence = 0.9): RawLine =>
  ({ text, bbox: { x0, y0, x1, y1 }, confidence })

describe('orderLines', () => {
  it('joins a label and its amount that the engine put in separate blocks', () => {
    const lines = [line('报价日期: 2026-03-01', 50, 10, 400, 40), line('合计', 900, 202, 980, 230), line('¥485,407.00', 1200, 200, 1400, 232), line('备注', 50, 300, 120, 330)]
    expect(orderLines(lines).map(l => l.text)).toEqual(['报价日期: 2026-03-01', '合计\t¥485,407.00', '备注'])
  })

  it('orders rows top to bottom whatever order the engine gave', () => {
    expect(orderLines([line('b', 0, 100, 50, 120), line('a', 0, 10, 50, 30)]).map(l => l.text)).toEqual(['a', 'b'])
  })

  it('keeps a tilted page row together using the baselines', () => {
    const slope = 0.05
    const tilted = (text: string, x0: number, x1: number, y0: number): RawLine =>
      ({ ...line(text, x0, y0, x1, y0 + 20), baseline: { x0, y0: y0 + 18, x1, y1: y0 + 18 + slope * (x1 - x0) } })
    const rows = orderLines([tilted('总计:', 0, 300, 100), tilted('¥6,560.00', 700, 1000, 100 + slope * 700), tilted('下一行', 0, 300, 140)])
    expect(rows.map(r => r.text)).toEqual(['总计:\t¥6,560.00', '下一行'])
  })

  it('keeps the rows of a tilted table together from the boxes alone (PP-OCR gives no baselines)', () => {
    const slope = -0.035
    // an upright box around a tilted line: centred on the line, taller by its width times the slope
    const box = (text: string, x0: number, x1: number, y: number): RawLine => {
      const cy = y + slope * (x0 + x1) / 2, h = 28 + (x1 - x0) * Math.abs(slope)
      return line(text, x0, cy - h / 2, x1, cy + h / 2)
    }
    const cells = [['序号', '名称', '型号', '单价'], ['1', '监护仪', 'KR-A360', '16,400.00'], ['2', '分析仪', 'BS-240', '173,000.00'], ['合计', '', '', '189,400.00']]
    const xs = [60, 200, 600, 1000]
    const raw = cells.flatMap((row, r) => row.flatMap((t, c) => (t ? [box(t, xs[c]!, xs[c]! + 40 + 18 * t.length, 300 + 40 * r)] : [])))
    expect(orderLines(raw).map(l => l.text)).toEqual(cells.map(row => row.filter(t => t).join('\t')))
  })

  it('weights row confidence by text length and spans both boxes', () => {
    const [row] = orderLines([line('合计', 0, 0, 40, 20, 0.5), line('¥100.00', 100, 0, 200, 20, 1)])
    expect(row!.confidence).toBeCloseTo((2 * 0.5 + 7 * 1) / 9)
    expect(row!.bbox).toEqual({ x0: 0, y0: 0, x1: 200, y1: 20 })
  })

  it('drops empty lines', () => expect(orderLines([line('  ', 0, 0, 10, 10)])).toEqual([]))
})
