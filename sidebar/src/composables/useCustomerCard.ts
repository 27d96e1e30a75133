import { ref } from 'vue'
import { missingFrom, toUiError, type UiError } from '../api/api-error.js'
import type { CustomerCard, MissingDeliverable } from '../api/contract.js'
import { useDeps } from './app-deps.js'
import type { CardTarget, CustomerRef } from './navigation.js'

export type Refusal = { error: UiError; missing: MissingDeliverable[] }

export function useCustomerCard(target: CardTarget) {
  const { api, newId } = useDeps()
  const card = ref<CustomerCard | null>(null)
  const loading = ref(false)
  const busy = ref(false)
  const error = ref<UiError | null>(null)
  const refusal = ref<Refusal | null>(null)
  const advancedTo = ref<string | null>(null)

  async function load() {
    loading.value = true
    error.value = null
    try {
      card.value = 'externalUserId' in target ? await api.cardByExternal(target.externalUserId) : await api.cardByCustomer(target.customerId)
    } catch (e) {
      error.value = toUiError(e)
    } finally {
      loading.value = false
    }
  }

  async function act(run: () => Promise<void>) {
    busy.value = true
    refusal.value = null
    error.value = null
    try {
      await run()
      await load()
    } catch (e) {
      const ui = toUiError(e)
      if (ui.code === 'DELIVERABLES_MISSING') refusal.value = { error: ui, missing: missingFrom(ui) }
      else error.value = ui
    } finally {
      busy.value = false
    }
  }

  const advance = () => act(async () => {
    const opp = card.value?.opportunity
    if (!opp) return
    // fromNode lets the bot refuse a second tap made on a card that is already out of date
    const res = await api.advance(opp.id, { clientId: newId(), fromNode: opp.node.key })
    advancedTo.value = res.node?.key ?? null
  })

  const startOpportunity = () => act(async () => {
    if (!card.value) return
    await api.startOpportunity({ clientId: newId(), customerId: card.value.customer.id })
  })

  const customerRef = (): CustomerRef | null => card.value && {
    customerId: card.value.customer.id,
    customerName: card.value.customer.name,
    opportunityId: card.value.opportunity?.id ?? null,
    node: card.value.opportunity?.node ?? null,
  }

  return { card, loading, busy, error, refusal, advancedTo, load, advance, startOpportunity, customerRef }
}
