import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { MAX_IMPORT_ROWS, readSheet } from './sheet.js'

// '合同编号,客户,金额,签订日期\r\n00123,浙大一院,5000,2026/3/2\r\n' as Excel on a Chinese Windows saves it (GBK).
const GBK_CSV = Buffer.from('bacfcdacb1e0bac52cbfcdbba72cbdf0b6ee2cc7a9b6a9c8d5c6da0d0a30303132332cd5e3b4f3d2bbd4ba2c353030302c323032362f332f320d0a', 'hex')

describe('readSheet', () => {
  it('reads a GBK CSV, keeping every value as the text it was (leading zeros included)', async () => {
    expect(await readSheet(GBK_CSV)).toEqual({ header: ['合同编号', '客户', '金额', '签订日期'], rows: [{ row: 2, cells: ['00123', '浙大一院', '5000', '2026/3/2'] }] })
  })

  it('reads a UTF-8 CSV with a BOM and quoted commas', async () => {
    const csv = Buffer.from('\uFEFFcontract_no,amount\nHT-1,"128,000"\n')
    expect(await readSheet(csv)).toEqual({ header: ['contract_no', 'amount'], rows: [{ row: 2, cells: ['HT-1', '128,000'] }] })
  })

  it('reads the first sheet of an .xlsx: numbers, dates, rich text and formula results, numbered as Excel numbers rows', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('回款')
    ws.addRow(['合同编号', '回款金额', '回款日期', '回款单号'])
    ws.addRow([])
    ws.addRow([{ richText: [{ text: 'HT-' }, { text: '1' }] }, { formula: '1000*2', result: 2000 }, new Date(Date.UTC(2026, 2, 9)), 'HK-1'])
    const sheet = await readSheet(Buffer.from(await wb.xlsx.writeBuffer()))
    expect(sheet.header).toEqual(['合同编号', '回款金额', '回款日期', '回款单号'])
    expect(sheet.rows.at(-1)).toEqual({ row: 3, cells: ['HT-1', 2000, new Date(Date.UTC(2026, 2, 9)), 'HK-1'] })
  })

  it.each([
    ['an empty file', Buffer.alloc(0)],
    ['an Excel 97–2003 .xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.alloc(100)])],
    ['a broken .xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)])],
  ])('refuses %s as unreadable', async (_, data) => {
    await expect(readSheet(data)).rejects.toMatchObject({ code: 'IMPORT_FILE_UNREADABLE' })
  })

  it('refuses more rows than it will import at once', async () => {
    const csv = Buffer.from(['a', ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => String(i))].join('\n'))
    await expect(readSheet(csv)).rejects.toMatchObject({ code: 'IMPORT_TOO_MANY_ROWS' })
  })
})
