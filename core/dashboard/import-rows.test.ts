import { describe, expect, it } from 'vitest'
import { normaliseHeader } from './import-columns.js'
import { parseContractRows, parsePaymentRows } from './import-rows.js'
import { parseAmount, parseDay } from './import-values.js'

describe('parseAmount', () => {
  it.each([
    [128000, '128000.00'], ['128,000.00', '128000.00'], ['¥128000', '128000.00'], ['128000元', '128000.00'], ['12.8万', '128000.00'],
    ['￥ 1,234.5', '1234.50'], ['RMB 99.99', '99.99'],
  ] as const)('%s → %s', (cell, want) => expect(parseAmount(cell)).toBe(want))
  it.each([['abc'], ['-5'], [0], ['1.234'], [''], [null], [1e13]] as const)('refuses %s', (cell) => expect(parseAmount(cell)).toBeNull())
})

describe('parseDay', () => {
  it.each([
    ['2026-03-02', '2026-03-02'], ['2026/3/2', '2026-03-02'], ['2026.3.2', '2026-03-02'], ['2026年3月2日', '2026-03-02'],
    [new Date(Date.UTC(2026, 2, 2)), '2026-03-02'], [46083, '2026-03-02'], ['2026-03-02 10:00', '2026-03-02'],
  ] as const)('%s → %s', (cell, want) => expect(parseDay(cell)).toBe(want))
  it.each([['2026-02-30'], ['03/02/2026'], ['soon'], [12], [null]] as const)('refuses %s', (cell) => expect(parseDay(cell)).toBeNull())
})

describe('headers', () => {
  it('match in Chinese or English, ignoring case, spaces, underscores and a unit in brackets', () => {
    expect(normaliseHeader(' Contract_No ')).toBe(normaliseHeader('contract no'))
    expect(normaliseHeader('金额（元）')).toBe('金额')
  })
})

describe('parseContractRows', () => {
  const header = ['合同编号', '客户', '商机', '金额（元）', '签订日期', '审批单号']
  it('reads good rows and skips blank ones', () => {
    const r = parseContractRows(header, [
      { row: 2, cells: ['HT-1', '浙大一院', null, '128,000', '2026/3/2', 'SP1'] },
      { row: 3, cells: [null, '', null, null, null, null] },
    ])
    expect(r).toEqual({ ok: true, issues: [], rows: [{ row: 2, number: 'HT-1', customer: '浙大一院', opportunity: null, amount: '128000.00',
      signedOn: '2026-03-02', approvalRef: 'SP1' }] })
  })
  it('names every bad field by row, and a repeated contract number', () => {
    const r = parseContractRows(['contract_no', 'customer', 'amount', 'signed_on'], [
      { row: 2, cells: ['HT-1', '浙大一院', 'lots', '2026-03-02'] },
      { row: 3, cells: ['HT-2', '', '5', '2026-13-01'] },
      { row: 4, cells: ['HT-3', 'A', '5', '2026-03-01'] },
      { row: 5, cells: ['HT-3', 'B', '6', '2026-03-01'] },
    ])
    expect(r.ok && r.issues.map((i) => [i.row, i.code, i.params.field ?? i.params.first])).toEqual([
      [2, 'IMPORT_FIELD_INVALID', '金额'], [3, 'IMPORT_FIELD_REQUIRED', '客户'], [3, 'IMPORT_FIELD_INVALID', '签订日期'],
      [5, 'IMPORT_DUPLICATE_ROW', 4]])
    expect(r.ok && r.rows.map((x) => x.row)).toEqual([4])
  })
  it('names the required columns the file lacks', () => {
    expect(parseContractRows(['合同编号', '金额'], [])).toEqual({ ok: false, missing: ['客户/customer', '签订日期/signed_on'] })
  })
})

describe('parsePaymentRows', () => {
  it('reads a payment sheet in English headers', () => {
    const r = parsePaymentRows(['Contract No', 'Amount', 'Paid On', 'Reference'], [{ row: 2, cells: ['HT-1', 38400, new Date(Date.UTC(2026, 2, 9)), 'HK-1'] }])
    expect(r).toEqual({ ok: true, issues: [], rows: [{ row: 2, contract: 'HT-1', amount: '38400.00', paidOn: '2026-03-09', reference: 'HK-1' }] })
  })
  it('refuses a reference used twice in one file', () => {
    const r = parsePaymentRows(['合同编号', '回款金额', '回款日期', '回款单号'], [
      { row: 2, cells: ['HT-1', '1', '2026-03-09', 'HK-1'] }, { row: 3, cells: ['HT-1', '2', '2026-03-10', 'HK-1'] }])
    expect(r.ok && r.issues).toEqual([{ row: 3, code: 'IMPORT_DUPLICATE_ROW', params: { row: 3, first: 2, key: '回款单号 HK-1' } }])
  })
})
