import { computed, reactive, ref } from 'vue'
import { toUiError, type UiError } from '../api/api-error.js'
import type { Competitor } from '../api/contract.js'
import { useDeps } from './app-deps.js'
import type { FormProblem } from './problems.js'

export function useCompetitorTalk(customerId: string, opportunityId: string | null) {
  const { api, queue, newId, now } = useDeps()
  const competitors = ref<Competitor[]>([])
  const form = reactive({ text: '', competitor: '', product: '', price: '' })
  const problems = ref<FormProblem[]>([])
  const error = ref<UiError | null>(null)
  const outcome = ref<'sent' | 'queued' | null>(null)
  const products = computed(() => competitors.value.find((c) => c.id === form.competitor)?.products ?? [])

  async function load() {
    try {
      competitors.value = (await api.competitors()).items
    } catch (e) {
      error.value = toUiError(e)
    }
  }

  function validate(): FormProblem[] {
    const out: FormProblem[] = []
    if (!form.text.trim()) out.push({ key: 'competitor.problem.text' })
    if (!form.competitor) out.push({ key: 'competitor.problem.competitor' })
    const price = Number(form.price)
    if (form.price.trim() !== '' && (!Number.isFinite(price) || price <= 0)) out.push({ key: 'competitor.problem.price' })
    return out
  }

  async function submit() {
    problems.value = validate()
    error.value = null
    if (problems.value.length > 0) return
    const clientId = newId()
    const deviceAt = now().toISOString()
    const result = await queue.submit({
      kind: 'competitor_talk', clientId, deviceAt, enqueuedAt: now().getTime(),
      payload: {
        clientId, customerId, ...(opportunityId ? { opportunityId } : {}), kind: 'competitor_talk', deviceAt,
        text: form.text.trim(), competitor: form.competitor, product: form.product.trim(),
        price: form.price.trim() === '' ? null : Number(form.price),
      },
    })
    if (result.status === 'refused') {
      error.value = result.error
      return
    }
    outcome.value = result.status
    Object.assign(form, { text: '', product: '', price: '' })
  }

  return { competitors, products, form, problems, error, outcome, load, submit }
}
