import { reactive, ref } from 'vue'
import { toUiError, type UiError } from '../api/api-error.js'
import type { Script } from '../api/contract.js'
import { useDeps } from './app-deps.js'
import type { FormProblem } from './problems.js'

export function useScripts(node: string) {
  const { api, platform, newId } = useDeps()
  const scripts = ref<Script[]>([])
  const loading = ref(false)
  const error = ref<UiError | null>(null)
  const sentId = ref<string | null>(null)
  const proposal = reactive({ kind: 'script' as 'script' | 'insight', title: '', text: '' })
  const problems = ref<FormProblem[]>([])
  const proposed = ref(false)

  async function load() {
    loading.value = true
    try {
      scripts.value = (await api.scripts(node)).items
    } catch (e) {
      error.value = toUiError(e)
    } finally {
      loading.value = false
    }
  }

  async function send(script: Script) {
    error.value = null
    try {
      await platform.sendChatMessage(script.text)
      sentId.value = script.id
    } catch {
      error.value = { code: 'SEND_FAILED', message: { zh: '发送失败，请在客户聊天中打开后重试', en: 'Could not send; open this from a customer chat and retry' } }
    }
  }

  async function propose() {
    problems.value = [...(proposal.title.trim() ? [] : [{ key: 'scripts.problem.title' }]), ...(proposal.text.trim() ? [] : [{ key: 'scripts.problem.text' }])]
    if (problems.value.length > 0) return
    try {
      await api.proposeScript({ clientId: newId(), node, kind: proposal.kind, title: proposal.title.trim(), text: proposal.text.trim() })
      proposed.value = true
      Object.assign(proposal, { title: '', text: '' })
    } catch (e) {
      error.value = toUiError(e)
    }
  }

  return { scripts, loading, error, sentId, proposal, problems, proposed, load, send, propose }
}
