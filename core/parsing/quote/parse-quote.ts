import { pickAmount, type AmountFlag } from './amount.js'
import { repairAmountRows } from './confusions.js'
import { findDates, pickQuoteDate, pickValidity, resolveValidUntil, type IsoDay, type Validity } from './dates.js'
import { pickModels, type ProductCatalogue } from './models.js'
import { toRows, type QuoteText } from './rows.js'

export type QuoteField = 'amount' | 'models' | 'quoteDate' | 'validUntil'

export type QuoteFlag = AmountFlag | 'amount_corrected' | 'model_corrected' | `${QuoteField}_missing` | `${QuoteField}_low_confidence`

/** The fields of a quote (报价单) read from OCR text; null or [] where the document does not show them. */
export type QuoteFields = {
  /** What the customer pays, in yuan with fen as decimals. */
  amount: number | null
  models: string[]
  quoteDate: IsoDay | null
  validUntil: IsoDay | null
  validity: Validity | null
  /** 0..1 per field; 0 when the field was not found. */
  confidence: Record<QuoteField, number>
  /** What the rep must look at before confirming. */
  flags: QuoteFlag[]
}

export type ParseOptions = { catalogue?: ProductCatalogue; lowConfidence?: number }

const FIELDS: readonly QuoteField[] = ['amount', 'models', 'quoteDate', 'validUntil']

export function parseQuote(input: QuoteText, options: ParseOptions = {}): QuoteFields {
  const rows = toRows(input)
  const amount = pickAmountTolerant(rows)
  const models = pickModels(rows, options.catalogue)
  const dates = findDates(rows)
  const quoteDate = pickQuoteDate(rows, dates)
  const validity = pickValidity(rows, dates)
  const validUntil = resolveValidUntil(validity.validity, quoteDate.day)
  // a period counts from the quote date, so the result is only as sure as both
  const untilConfidence = validUntil === null ? 0
    : validity.validity?.kind === 'period' ? Math.min(validity.confidence, quoteDate.confidence) : validity.confidence
  const confidence: Record<QuoteField, number> = {
    amount: amount.confidence, models: models.confidence, quoteDate: quoteDate.confidence, validUntil: untilConfidence,
  }
  const values: Record<QuoteField, unknown> = { amount: amount.fen, models: models.models.length > 0 ? models.models : null, quoteDate: quoteDate.day, validUntil }
  const threshold = options.lowConfidence ?? 0.6
  const flags: QuoteFlag[] = [...amount.flags, ...(amount.corrected ? ['amount_corrected' as const] : []), ...(models.corrected ? ['model_corrected' as const] : [])]
  for (const f of FIELDS) {
    if (values[f] === null) flags.push(`${f}_missing`)
    else if (confidence[f] < threshold) flags.push(`${f}_low_confidence`)
  }
  return {
    amount: amount.fen === null ? null : amount.fen / 100,
    models: models.models,
    quoteDate: quoteDate.day,
    validUntil,
    validity: validity.validity,
    confidence,
    flags,
  }
}

/** The total after undoing OCR confusions; when a repair changed it, it is marked corrected and held below confirmation. */
function pickAmountTolerant(rows: ReturnType<typeof toRows>): ReturnType<typeof pickAmount> & { corrected: boolean } {
  const asRead = pickAmount(rows)
  const repaired = repairAmountRows(rows)
  if (!repaired.repaired) return { ...asRead, corrected: false }
  const amount = pickAmount(repaired.rows)
  if (amount.fen === asRead.fen) return { ...asRead, corrected: false }
  return { ...amount, confidence: Math.min(amount.confidence, 0.55), corrected: true }
}
