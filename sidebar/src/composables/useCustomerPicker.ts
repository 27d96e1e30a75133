import { ref } from 'vue'
import { toUiError, type UiError } from '../api/api-error.js'
import type { CustomerSummary } from '../api/contract.js'
import { useDeps } from './app-deps.js'

export function useCustomerPicker() {
  const { api } = useDeps()
  const query = ref('')
  const results = ref<CustomerSummary[]>([])
  const searched = ref(false)
  const error = ref<UiError | null>(null)
  let latest = 0

  async function search() {
    const mine = ++latest
    error.value = null
    try {
      const found = (await api.searchCustomers(query.value.trim())).items
      if (mine === latest) results.value = found // an older, slower answer must not overwrite a newer one
      searched.value = true
    } catch (e) {
      error.value = toUiError(e)
    }
  }

  return { query, results, searched, error, search }
}
