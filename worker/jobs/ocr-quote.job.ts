import { readFile } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { isAppError } from '../../io/app-error.js'
import { Attachment } from '../../io/db/entities/attachment.entity.js'
import { claimQuoteForOcr, findQuote, saveQuoteReading } from '../../io/db/quote.repo.js'
import { Tenant } from '../../io/db/entities/tenant.entity.js'
import { engineRegistry, tenantOcrChoice } from '../../io/ocr/engine-choice.js'
import { defaultOcrOptions, type OcrEngine, type OcrEngineChoice } from '../../io/ocr/ocr-engine.js'
import { readQuoteImage } from '../../io/ocr/read-quote.js'
import type { JobHandler } from '../job-context.js'
import { failQuoteAndTell } from './quote-failed.js'

export type OcrQuoteJob = { handle: JobHandler<'ocr-quote'>; close(): Promise<void> }

/** Picks the engine for a choice (settings.OCR_ENGINE, or a tenant's settings.ocrEngine); created once, reused. */
export type OcrEngines = { get(choice: OcrEngineChoice): OcrEngine; close(): Promise<void> }

/**
 * The quote image → fields for the rep to confirm. The engine (OCR_ENGINE, overridden by the tenant's
 * settings.ocrEngine) is created on its first image and reused for every later one; bad input ends the quote
 * as `failed` with its catalog code and a message to the rep, and the worker carries on.
 */
export function ocrQuoteJob(makeEngines: () => OcrEngines = () => engineRegistry(defaultOcrOptions(process.env, availableParallelism()))): OcrQuoteJob {
  let engines: OcrEngines | null = null
  const read: JobHandler<'ocr-quote'> = async (p, ctx) => {
    const m = ctx.rt.db.manager
    const quote = await claimQuoteForOcr(m, p.tenantId, p.quoteId)
    if (!quote) return // already read (a replayed job)
    const att = await m.findOneBy(Attachment, { tenantId: p.tenantId, id: p.attachmentId })
    if (!att) return failQuoteAndTell(ctx, quote, 'IMAGE_INVALID')
    const image = await readFile(join(ctx.rt.settings.STORAGE_DIR, att.storagePath)).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null // the evidence store lost the file: no retry brings it back
      throw e
    })
    if (!image) return failQuoteAndTell(ctx, quote, 'IMAGE_INVALID')
    engines ??= makeEngines()
    const tenant = await m.findOneBy(Tenant, { id: p.tenantId })
    const r = await readQuoteImage(engines.get(tenantOcrChoice(tenant?.settings, ctx.rt.settings.OCR_ENGINE)), image)
    if (!r.ok) return failQuoteAndTell(ctx, quote, r.error.code, r.error.params)
    const { amount, models, quoteDate, validUntil, confidence, flags } = r.value
    await saveQuoteReading(m, quote, { ocr: { amount, models, quoteDate, validUntil }, confidence, flags })
    ctx.log.info({ quoteId: quote.id, ms: r.value.ms, flags }, 'quote read')
  }
  /** A transient failure (storage, database, engine crash) is retried; on the last attempt the rep hears of it. */
  const handle: JobHandler<'ocr-quote'> = async (p, ctx) => {
    try {
      await read(p, ctx)
    } catch (err) {
      if (!ctx.lastAttempt || isAppError(err)) throw err
      const quote = await findQuote(ctx.rt.db.manager, p.tenantId, p.quoteId)
      if (!quote || !['queued', 'processing'].includes(quote.status)) throw err
      ctx.log.warn({ quoteId: p.quoteId, err: (err as Error).message }, 'quote OCR failed on its last attempt')
      await failQuoteAndTell(ctx, quote, 'QUOTE_OCR_FAILED')
    }
  }
  return { handle, close: async () => { await engines?.close(); engines = null } }
}
