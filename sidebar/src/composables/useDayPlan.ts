import { ref } from 'vue'
import { toUiError, type UiError } from '../api/api-error.js'
import type { DayPlanView } from '../api/contract.js'
import { useDeps } from './app-deps.js'

/** Today's route for the signed-in rep, as the morning message has it. */
export function useDayPlan() {
  const { api } = useDeps()
  const view = ref<DayPlanView | null>(null)
  const error = ref<UiError | null>(null)
  async function load() {
    try {
      view.value = await api.dayPlan()
    } catch (e) {
      error.value = toUiError(e)
    }
  }
  const nameOf = (id: string | null) => view.value?.stops.find((s) => s.id === id)?.name ?? ''
  return { view, error, load, nameOf }
}
