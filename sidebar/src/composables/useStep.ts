import { ref } from 'vue'
import { toUiError, type UiError } from '../api/api-error.js'

/**
 * One request at a time with its loading flag and error: `step(fn)` clears the last error, runs fn, and on failure
 * keeps the error (code + zh/en message) for the page and answers null.
 */
export function useStep() {
  const loading = ref(false)
  const error = ref<UiError | null>(null)

  async function step<T>(fn: () => Promise<T>): Promise<T | null> {
    loading.value = true
    error.value = null
    try {
      return await fn()
    } catch (e) {
      error.value = toUiError(e)
      return null
    } finally {
      loading.value = false
    }
  }

  return { loading, error, step }
}
