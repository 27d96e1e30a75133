import { computed, reactive, ref } from 'vue'
import { ApiError, toUiError, type UiError } from '../api/api-error.js'
import type { QuoteField, QuoteStatus } from '../api/contract.js'
import { backoffDelay } from '../lib/backoff.js'
import { useDeps } from './app-deps.js'
import type { FormProblem } from './problems.js'

export type QuotePhase = 'idle' | 'uploading' | 'reading' | 'confirm' | 'done' | 'failed'
/** The fields a rep confirms; the quote date only feeds the validity period, so it is shown, not edited. */
export const EDITABLE: readonly QuoteField[] = ['amount', 'models', 'validUntil']
const POLL_DEADLINE_MS = 3 * 60_000

type Form = { amount: string; models: string; validUntil: string }
const formOf = (s: QuoteStatus): Form => ({
  amount: s.fields.amount === null ? '' : String(s.fields.amount),
  models: s.fields.models.join('、'),
  validUntil: s.fields.validUntil ?? '',
})
const splitModels = (s: string) => s.split(/[、,，;；\s]+/).map((m) => m.trim()).filter(Boolean)

export function useArchiveQuote(opportunityId: string) {
  const { api, platform, newId, now, wait } = useDeps()
  const phase = ref<QuotePhase>('idle')
  const progress = ref(0)
  const status = ref<QuoteStatus | null>(null)
  const error = ref<UiError | null>(null)
  const problems = ref<FormProblem[]>([])
  const form = reactive<Form>({ amount: '', models: '', validUntil: '' })
  const checked = reactive<Record<string, boolean>>({})
  let quoteId = ''
  let read: Form = { amount: '', models: '', validUntil: '' }

  const lowConfidence = computed(() => EDITABLE.filter((f) => status.value?.flags.some((x) => x === `${f}_low_confidence` || x === `${f}_missing`)))

  async function poll(id: string) {
    const deadline = now().getTime() + POLL_DEADLINE_MS
    for (let attempt = 0; now().getTime() < deadline; attempt++) {
      try {
        const s = await api.quote(id)
        progress.value = s.progress
        if (s.status === 'pending_confirmation' || s.status === 'confirmed') {
          status.value = s
          read = formOf(s)
          Object.assign(form, read)
          for (const f of Object.keys(checked)) delete checked[f] // ticks belong to the image they were given for
          problems.value = []
          phase.value = s.status === 'confirmed' ? 'done' : 'confirm'
          return
        }
        if (s.status === 'failed') throw new ApiError(s.error ?? { code: 'QUOTE_IMAGE_UNREADABLE', message: { zh: '报价单识别失败', en: 'The quote could not be read' } })
      } catch (e) {
        if (toUiError(e).code !== 'NETWORK') throw e // a dropped connection while polling is worth another try
      }
      await wait(backoffDelay(attempt))
    }
    throw new ApiError({ code: 'OCR_TIMEOUT', message: { zh: '识别超时，请稍后在客户卡片中查看', en: 'Reading took too long; check the customer card later' } })
  }

  async function start() {
    error.value = null
    const picked = await platform.chooseImage().catch((e: unknown) => { error.value = toUiError(e); return null })
    if (!picked) return
    phase.value = 'uploading'
    try {
      const clientId = newId()
      const created = picked.kind === 'media'
        ? await api.createQuote({ clientId, opportunityId, mediaId: picked.mediaId })
        : await api.createQuote({ clientId, opportunityId, attachmentId: (await api.uploadFile(newId(), 'quote', picked.file, picked.name)).id })
      quoteId = created.quoteId
      phase.value = 'reading'
      await poll(quoteId)
    } catch (e) {
      error.value = toUiError(e)
      phase.value = 'failed'
    }
  }

  function validate(): FormProblem[] {
    const out: FormProblem[] = []
    const amount = Number(form.amount)
    if (form.amount.trim() === '' || !Number.isFinite(amount) || amount <= 0) out.push({ key: 'quote.problem.amount' })
    const unconfirmed = lowConfidence.value.filter((f) => form[f as keyof Form] === read[f as keyof Form] && !checked[f])
    for (const f of unconfirmed) out.push({ key: `quote.unconfirmed.${f}` })
    return out
  }

  async function confirm() {
    problems.value = validate()
    if (problems.value.length > 0) return
    const corrected = EDITABLE.some((f) => form[f as keyof Form] !== read[f as keyof Form])
    try {
      await api.confirmQuote(quoteId, {
        clientId: newId(), amount: Number(form.amount), models: splitModels(form.models),
        validUntil: form.validUntil || null, corrected,
        acceptedLowConfidence: lowConfidence.value.filter((f) => checked[f] && form[f as keyof Form] === read[f as keyof Form]),
      })
      phase.value = 'done'
    } catch (e) {
      error.value = toUiError(e)
    }
  }

  return { phase, progress, status, error, problems, form, checked, lowConfidence, start, confirm }
}
