import type { ErrorCode, Params } from '../errors.js'
import { CONTRACT_COLUMNS, mapColumns, PAYMENT_COLUMNS, type ContractField, type PaymentField } from './import-columns.js'
import { cellText, parseAmount, parseDay, parseKey, type Cell } from './import-values.js'

/** One data row of the sheet, numbered as the spreadsheet numbers it (the header is row 1). */
export type SheetRow = { row: number; cells: Cell[] }
export type RowIssue = { row: number; code: ErrorCode; params: Params }

export type ContractRow = { row: number; number: string; customer: string; opportunity: string | null; amount: string; signedOn: string; approvalRef: string | null }
export type PaymentRow = { row: number; contract: string; amount: string; paidOn: string; reference: string }
export type Parsed<T> = { ok: true; rows: T[]; issues: RowIssue[] } | { ok: false; missing: string[] }

type Reader<F extends string> = (field: F) => Cell

function readerOf<F extends string>(index: Partial<Record<F, number>>, cells: Cell[]): Reader<F> {
  return (f) => {
    const i = index[f]
    return i === undefined ? null : cells[i] ?? null
  }
}

/** Parse one field, recording what is wrong with it: missing when the cell is empty, invalid when it does not parse. */
function field<T>(issues: RowIssue[], row: number, name: string, c: Cell, parse: (c: Cell) => T | null): T | null {
  if (cellText(c) === '') {
    issues.push({ row, code: 'IMPORT_FIELD_REQUIRED', params: { row, field: name } })
    return null
  }
  const v = parse(c)
  if (v === null) issues.push({ row, code: 'IMPORT_FIELD_INVALID', params: { row, field: name, value: cellText(c).slice(0, 40) } })
  return v
}

const optionalText = (c: Cell): string | null => parseKey(c)
const isBlank = (cells: Cell[]): boolean => cells.every((c) => cellText(c) === '')

/** The same key twice in one file is refused: which of the two rows is right cannot be guessed. */
function flagDuplicates<T extends { row: number }>(rows: T[], key: (r: T) => string, label: string, issues: RowIssue[]): T[] {
  const first = new Map<string, number>()
  return rows.filter((r) => {
    const seen = first.get(key(r))
    if (seen === undefined) {
      first.set(key(r), r.row)
      return true
    }
    issues.push({ row: r.row, code: 'IMPORT_DUPLICATE_ROW', params: { row: r.row, first: seen, key: `${label} ${key(r)}` } })
    return false
  })
}

/** Contract rows (合同台账) → typed rows plus every problem, by row; blank rows are skipped. */
export function parseContractRows(header: string[], data: SheetRow[]): Parsed<ContractRow> {
  const cols = mapColumns<ContractField>(CONTRACT_COLUMNS, header)
  if (cols.missing.length) return { ok: false, missing: cols.missing }
  const issues: RowIssue[] = []
  const rows: ContractRow[] = []
  for (const { row, cells } of data) {
    if (isBlank(cells)) continue
    const get = readerOf(cols.index, cells)
    const before = issues.length
    const number = field(issues, row, '合同编号', get('number'), parseKey)
    const customer = field(issues, row, '客户', get('customer'), parseKey)
    const amount = field(issues, row, '金额', get('amount'), parseAmount)
    const signedOn = field(issues, row, '签订日期', get('signedOn'), parseDay)
    if (issues.length === before && number && customer && amount && signedOn) {
      rows.push({ row, number, customer, amount, signedOn, opportunity: optionalText(get('opportunity')), approvalRef: optionalText(get('approvalRef')) })
    }
  }
  return { ok: true, rows: flagDuplicates(rows, (r) => r.number, '合同编号', issues), issues }
}

/** Payment rows (回款台账) → typed rows plus every problem, by row; blank rows are skipped. */
export function parsePaymentRows(header: string[], data: SheetRow[]): Parsed<PaymentRow> {
  const cols = mapColumns<PaymentField>(PAYMENT_COLUMNS, header)
  if (cols.missing.length) return { ok: false, missing: cols.missing }
  const issues: RowIssue[] = []
  const rows: PaymentRow[] = []
  for (const { row, cells } of data) {
    if (isBlank(cells)) continue
    const get = readerOf(cols.index, cells)
    const before = issues.length
    const contract = field(issues, row, '合同编号', get('contract'), parseKey)
    const amount = field(issues, row, '回款金额', get('amount'), parseAmount)
    const paidOn = field(issues, row, '回款日期', get('paidOn'), parseDay)
    const reference = field(issues, row, '回款单号', get('reference'), parseKey)
    if (issues.length === before && contract && amount && paidOn && reference) rows.push({ row, contract, amount, paidOn, reference })
  }
  return { ok: true, rows: flagDuplicates(rows, (r) => r.reference, '回款单号', issues), issues }
}
