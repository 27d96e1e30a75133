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

  /** Where the platform cannot post into the chat (DingTalk), the script is copied for the rep to paste. */
  const canSend = platform.canSendChatMessage

  async function send(script: Script) {
    error.value = null
    try {
      if (canSend) await platform.sendChatMessage(script.text)
      else await navigator.clipboard.writeText(script.text)
      sentId.value = script.id
    } catch {
      error.value = canSend
        ? { code: 'SEND_FAILED', message: { zh: '发送失败，请在客户聊天中打开后重试', en: 'Could not send; open this from a customer chat and retry' } }
        : { code: 'COPY_FAILED', message: { zh: '复制失败，请长按话术文字手动复制', en: 'Could not copy; press and hold the script text to copy it' } }
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

  return { scripts, loading, error, sentId, canSend, proposal, problems, proposed, load, send, propose }
}
