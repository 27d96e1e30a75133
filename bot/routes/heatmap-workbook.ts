import ExcelJS from 'exceljs'
import type { HeatmapView } from '../../io/heatmap-view.js'

const SCORES = ['intent', 'gap', 'chain'] as const

/** A 0–100 score as a fill from pale to deep blue, so the sheet reads like the page. */
const shade = (score: number): string => {
  const c = (from: number, to: number) => Math.round(from + ((to - from) * score) / 100).toString(16).padStart(2, '0')
  return `FF${c(0xf0, 0x10)}${c(0xf5, 0x5c)}${c(0xff, 0xc8)}`.toUpperCase()
}

/**
 * One sheet per score (rows = departments, columns = weeks, each cell the score filled by its size, customer and red
 * counts in a note) and a sheet of the last week's red customers.
 */
export async function heatmapWorkbook(h: HeatmapView): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  for (const s of SCORES) {
    const ws = wb.addWorksheet(h.scores[s].zh)
    ws.addRow([`${h.scores[s].zh} / ${h.scores[s].en}`])
    ws.addRow(['科室 / Department', ...h.weeks])
    for (const d of h.departments) {
      const row = ws.addRow([`${d.zh} / ${d.en}`, ...d.cells.map((c) => c[s])])
      d.cells.forEach((c, i) => {
        const cell = row.getCell(i + 2)
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: shade(c[s]) } }
        cell.note = `客户 ${c.customers} · 红灯 ${c.red}`
        if (c[s] > 60) cell.font = { color: { argb: 'FFFFFFFF' } }
      })
    }
    ws.getColumn(1).width = 24
  }
  const red = wb.addWorksheet('红灯客户')
  red.addRow(['客户 / Customer', '负责人 / Owner', '科室 / Departments', '最近进展 / Last progress', 'id'])
  for (const r of h.red) red.addRow([r.name, r.owner ?? '', r.departments.map((k) => h.departments.find((d) => d.key === k)?.zh ?? k).join('、'), r.lastProgressAt, r.customerId])
  return Buffer.from(await wb.xlsx.writeBuffer())
}
