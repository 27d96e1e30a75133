import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import type { Cell } from '../../core/dashboard/import-values.js'
import type { SheetRow } from '../../core/dashboard/import-rows.js'
import { AppError } from '../app-error.js'

export const MAX_IMPORT_ROWS = 5000
export type Sheet = { header: string[]; rows: SheetRow[] }

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04])
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0])

/** An exceljs cell value as plain data: rich text joined, a formula's cached result, a hyperlink's text. */
function plain(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null
  if (typeof v === 'string' || typeof v === 'number' || v instanceof Date) return v
  if (typeof v === 'boolean') return String(v)
  if ('richText' in v) return v.richText.map((t) => t.text).join('')
  if ('result' in v) return plain((v.result ?? null) as ExcelJS.CellValue)
  if ('text' in v) return plain(v.text as ExcelJS.CellValue)
  if ('error' in v) return String(v.error)
  return null
}

/**
 * Text of a CSV file: UTF-8 (with or without BOM) or, when the bytes are not valid UTF-8, GB18030 — what Excel on a
 * Chinese Windows writes when a sheet is saved as CSV.
 */
export function decodeCsv(data: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data)
  } catch {
    return new TextDecoder('gb18030').decode(data)
  }
}

async function worksheetOf(data: Buffer): Promise<ExcelJS.Worksheet | undefined> {
  const wb = new ExcelJS.Workbook()
  if (data.subarray(0, 4).equals(OLE)) throw new AppError('IMPORT_FILE_UNREADABLE', { detail: '.xls (Excel 97–2003); save it as .xlsx' })
  try {
    if (data.subarray(0, 4).equals(ZIP)) {
      await wb.xlsx.load(data as unknown as ArrayBuffer)
      return wb.worksheets.find((w) => w.rowCount > 0) ?? wb.worksheets[0]
    }
    // Every CSV value stays text: exceljs would otherwise turn contract "00123" into 123 and guess at dates.
    return await wb.csv.read(Readable.from([decodeCsv(data)]), { map: (v: unknown) => (v === '' ? null : v) } as never)
  } catch (e) {
    throw new AppError('IMPORT_FILE_UNREADABLE', { detail: e instanceof Error ? e.message.slice(0, 80) : 'unknown format' })
  }
}

/** The first sheet of an .xlsx or CSV file: its first row as the header, the rest numbered as the spreadsheet numbers them. */
export async function readSheet(data: Buffer): Promise<Sheet> {
  if (data.length === 0) throw new AppError('IMPORT_FILE_UNREADABLE', { detail: 'empty file' })
  const ws = await worksheetOf(data)
  if (!ws || ws.rowCount === 0) throw new AppError('IMPORT_FILE_UNREADABLE', { detail: 'no rows' })
  if (ws.rowCount - 1 > MAX_IMPORT_ROWS) throw new AppError('IMPORT_TOO_MANY_ROWS', { limit: MAX_IMPORT_ROWS })
  const width = ws.columnCount
  const cellsOf = (r: ExcelJS.Row): Cell[] => Array.from({ length: width }, (_, i) => plain(r.getCell(i + 1).value))
  const header = cellsOf(ws.getRow(1)).map((c) => (c === null ? '' : String(c)))
  const rows: SheetRow[] = []
  ws.eachRow((r, n) => {
    if (n > 1) rows.push({ row: n, cells: cellsOf(r) })
  })
  return { header, rows }
}
