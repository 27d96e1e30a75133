import { ref } from 'vue'
import { toUiError, type UiError } from '../api/api-error.js'
import type { DevContact, DevMember } from '../api/contract.js'
import { saveDevContext } from '../platform/dev-platform.js'
import type { Entry } from '../platform/platform.js'
import { useDeps } from './app-deps.js'

export function useDevLogin(storage: Storage = sessionStorage) {
  const { api } = useDeps()
  const members = ref<DevMember[]>([])
  const contacts = ref<DevContact[]>([])
  const memberId = ref('')
  const externalUserId = ref('')
  const entry = ref<Entry>('single_chat_tools')
  const error = ref<UiError | null>(null)

  async function load() {
    try {
      const [m, c] = await Promise.all([api.devMembers(), api.devContacts()])
      members.value = m.items
      contacts.value = c.items
      memberId.value = m.items[0]?.id ?? ''
      externalUserId.value = c.items[0]?.externalUserId ?? ''
    } catch (e) {
      error.value = toUiError(e)
    }
  }

  async function login(): Promise<boolean> {
    error.value = null
    try {
      await api.devLogin({ memberId: memberId.value })
      saveDevContext({ entry: entry.value, ...(externalUserId.value ? { externalUserId: externalUserId.value } : {}) }, storage)
      return true
    } catch (e) {
      error.value = toUiError(e)
      return false
    }
  }

  return { members, contacts, memberId, externalUserId, entry, error, load, login }
}
