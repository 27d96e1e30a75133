import { computed, reactive, ref, watch } from 'vue'
import { toUiError, type UiError } from '../api/api-error.js'
import type { GeoFix, Keyword, VisitField, VisitFormSpec } from '../api/contract.js'
import { highlightKeywords, keywordsHeard } from '../lib/highlight-keywords.js'
import type { PickedImage } from '../platform/platform.js'
import { useDeps } from './app-deps.js'
import type { FormProblem } from './problems.js'

type Draft = { painPoints: string; nextFollowUpAt: string }
export type VisitOutcome = 'sent' | 'queued' | null

const REQUIRED_PROBLEM: Record<VisitField, string> = {
  location: 'visit.required.location',
  photo: 'visit.required.photo',
  painPoints: 'visit.required.painPoints',
  nextFollowUpAt: 'visit.required.nextFollowUpAt',
}
/** One pain point per line (or per ；), so a dictated list becomes a list. */
export const splitPainPoints = (text: string) => text.split(/[\n；;]+/).map((s) => s.trim()).filter(Boolean)

export function useVisitForm(customerId: () => string | null, opportunityId: () => string | null) {
  const { api, platform, queue, drafts, newId, now } = useDeps()
  const spec = ref<VisitFormSpec | null>(null)
  const keywords = ref<Keyword[]>([])
  const draft = reactive<Draft>({ painPoints: '', nextFollowUpAt: '' })
  const location = ref<GeoFix | null>(null)
  const photo = ref<PickedImage | null>(null)
  const heatmap = ref<Record<string, string | number | string[]> | null>(null)
  const problems = ref<FormProblem[]>([])
  const error = ref<UiError | null>(null)
  const outcome = ref<VisitOutcome>(null)
  const recording = ref(false)
  const busy = ref(false)
  let clientId = newId()
  const draftKey = () => `visit:${customerId() ?? ''}`

  const segments = computed(() => highlightKeywords(draft.painPoints, keywords.value))
  const heard = computed(() => keywordsHeard(draft.painPoints, keywords.value))
  const isRequired = (f: VisitField) => spec.value?.required.includes(f) ?? false

  async function load() {
    try {
      const [s, k, saved] = await Promise.all([api.visitForm(opportunityId()), api.keywords(), drafts.get(draftKey())])
      spec.value = s
      keywords.value = k.items
      if (saved) Object.assign(draft, saved as Draft)
    } catch (e) {
      error.value = toUiError(e)
    }
  }
  // drafts survive a closed sidebar or a dead battery
  watch(draft, (d) => { if (customerId()) void drafts.put(draftKey(), { ...d }) })

  async function tryPlatform<T>(run: () => Promise<T>, problemKey: string): Promise<T | null> {
    try {
      return await run()
    } catch {
      problems.value = [{ key: problemKey }]
      return null
    }
  }
  const locate = async () => { location.value = (await tryPlatform(() => platform.getLocation(), 'visit.locationFailed')) ?? location.value }
  const takePhoto = async () => { photo.value = (await tryPlatform(() => platform.takePhoto(), 'visit.photoFailed')) ?? photo.value }
  async function toggleVoice() {
    const voice = platform.voice
    if (!voice) return
    if (!recording.value) {
      recording.value = (await tryPlatform(() => voice.start(), 'visit.voiceFailed')) !== null
      return
    }
    recording.value = false
    const text = await tryPlatform(() => voice.stopAndTranscribe(), 'visit.voiceFailed')
    if (text) draft.painPoints = draft.painPoints ? `${draft.painPoints}\n${text}` : text
  }

  function validate(): FormProblem[] {
    const filled: Record<VisitField, boolean> = {
      location: location.value !== null, photo: photo.value !== null,
      painPoints: splitPainPoints(draft.painPoints).length > 0, nextFollowUpAt: draft.nextFollowUpAt !== '',
    }
    return (spec.value?.required ?? []).filter((f) => !filled[f]).map((f) => ({ key: REQUIRED_PROBLEM[f] }))
  }

  async function submit() {
    const customer = customerId()
    problems.value = validate()
    error.value = null
    if (problems.value.length > 0 || !customer || busy.value) return
    busy.value = true
    const deviceAt = now().toISOString()
    const opp = opportunityId()
    let result: Awaited<ReturnType<typeof queue.submit>>
    try {
      result = await queue.submit({
        kind: 'visit', clientId, deviceAt, enqueuedAt: now().getTime(),
        payload: {
          clientId, customerId: customer, ...(opp ? { opportunityId: opp } : {}), deviceAt, location: location.value,
          painPoints: splitPainPoints(draft.painPoints), keywordsHeard: heard.value,
          nextFollowUpAt: draft.nextFollowUpAt ? new Date(draft.nextFollowUpAt).toISOString() : null,
          ...(heatmap.value ? { heatmap: heatmap.value } : {}),
        },
        photo: photo.value ? { clientId: newId(), image: photo.value } : null,
      })
    } catch (e) {
      error.value = toUiError(e) // the device refused to store it (storage full): say so, keep the form
      return
    } finally {
      busy.value = false
    }
    if (result.status === 'refused') {
      error.value = result.error
      return
    }
    outcome.value = result.status
    clientId = newId()
    Object.assign(draft, { painPoints: '', nextFollowUpAt: '' })
    location.value = null
    photo.value = null
    heatmap.value = null
    await drafts.delete(draftKey())
  }

  return { spec, draft, location, photo, heatmap, problems, error, outcome, recording, busy, segments, heard, isRequired, load, locate, takePhoto, toggleVoice, submit }
}
