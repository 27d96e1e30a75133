import { ref, type Ref } from 'vue'
import { isNetworkError, toUiError, type UiError } from '../api/api-error.js'
import type { ApiClient } from '../api/client.js'
import type { CompetitorTalkRequest, VisitRequest } from '../api/contract.js'
import type { PickedImage } from '../platform/platform.js'
import type { KvStore } from './kv-store.js'

/** A photo waiting to become an attachment; its own clientId makes the upload idempotent too. */
export type PendingPhoto = { clientId: string; image: PickedImage; attachmentId?: string }

type Queued<K extends string, P> = { kind: K; clientId: string; deviceAt: string; enqueuedAt: number; payload: P }
export type OutboxItem =
  | (Queued<'visit', Omit<VisitRequest, 'photoAttachmentId'>> & { photo: PendingPhoto | null })
  | Queued<'competitor_talk', CompetitorTalkRequest>

export type SendOutcome = { status: 'sent'; id: string } | { status: 'queued' } | { status: 'refused'; error: UiError }

export type OfflineQueue = {
  /** Items stored but not yet accepted by the server. */
  readonly pending: Ref<number>
  /** Items the server refused while being flushed in the background (shown to the rep once). */
  readonly refused: Ref<{ item: OutboxItem; error: UiError }[]>
  /** Stores the item first, then tries to send it; a network failure leaves it queued. */
  submit(item: OutboxItem): Promise<SendOutcome>
  flush(): Promise<void>
  /**
   * Flushes whenever the browser comes back online and, while a flush has stopped on a network error, again after
   * 2 s, 4 s, 8 s … (at most a minute apart): an `online` event can come before the network carries requests, and a
   * phone moving between cells does not always fire one. Returns the detach function.
   */
  listen(target: Pick<Window, 'addEventListener' | 'removeEventListener'>): () => void
}

const RETRY_FIRST_MS = 2_000
const RETRY_MAX_MS = 60_000

export function createOfflineQueue(store: KvStore<OutboxItem>, api: ApiClient): OfflineQueue {
  const pending = ref(0)
  const refused: OfflineQueue['refused'] = ref([])
  const outcomes = new Map<string, SendOutcome>()
  let running: Promise<void> | null = null
  let again = false
  /** The last round stopped on a network error with items left. */
  let stalled = false
  let onStalled: (() => void) | null = null

  async function photoAttachment(item: Extract<OutboxItem, { kind: 'visit' }>): Promise<string | null> {
    const p = item.photo
    if (!p) return null
    if (p.attachmentId) return p.attachmentId
    const res = p.image.kind === 'media'
      ? await api.attachMedia({ clientId: p.clientId, purpose: 'visit_photo', mediaId: p.image.mediaId })
      : await api.uploadFile(p.clientId, 'visit_photo', p.image.file, p.image.name)
    // remember it, so a retry after a lost connection does not upload the photo again
    await store.put(item.clientId, { ...item, photo: { ...p, attachmentId: res.id } })
    return res.id
  }

  async function send(item: OutboxItem): Promise<string> {
    if (item.kind === 'competitor_talk') return (await api.recordCompetitorTalk(item.payload)).id
    const photoAttachmentId = await photoAttachment(item)
    return (await api.submitVisit({ ...item.payload, photoAttachmentId })).id
  }

  async function round(): Promise<void> {
    stalled = false
    const items = (await store.list()).sort((a, b) => a.enqueuedAt - b.enqueuedAt)
    for (const item of items) {
      try {
        const id = await send(item)
        await store.delete(item.clientId)
        outcomes.set(item.clientId, { status: 'sent', id })
      } catch (e) {
        if (isNetworkError(e)) {
          outcomes.set(item.clientId, { status: 'queued' })
          stalled = true
          return // still offline: the next `online` event or retry resumes in order
        }
        const error = toUiError(e)
        await store.delete(item.clientId)
        outcomes.set(item.clientId, { status: 'refused', error })
        refused.value = [...refused.value, { item, error }]
      }
    }
  }

  // one flush at a time: a second `online` event (or a submit) during a flush asks for one more round instead of
  // sending the same items twice in parallel
  function flush(): Promise<void> {
    if (running) {
      again = true
      return running
    }
    running = (async () => {
      do {
        again = false
        await round()
      } while (again)
      pending.value = (await store.list()).length
    })().finally(() => {
      running = null
      onStalled?.()
    })
    return running
  }

  return {
    pending,
    refused,
    async submit(item) {
      await store.put(item.clientId, item)
      pending.value = (await store.list()).length
      outcomes.delete(item.clientId)
      await flush()
      const outcome = outcomes.get(item.clientId) ?? { status: 'queued' }
      if (outcome.status === 'refused') refused.value = refused.value.filter((r) => r.item.clientId !== item.clientId)
      return outcome
    },
    flush,
    listen(target) {
      let timer: ReturnType<typeof setTimeout> | undefined
      let delay = RETRY_FIRST_MS
      onStalled = () => {
        if (!stalled) delay = RETRY_FIRST_MS
        if (!stalled || timer !== undefined) return
        timer = setTimeout(() => { timer = undefined; void flush() }, delay)
        delay = Math.min(2 * delay, RETRY_MAX_MS)
      }
      const onOnline = () => { void flush() }
      target.addEventListener('online', onOnline)
      return () => {
        target.removeEventListener('online', onOnline)
        clearTimeout(timer)
        onStalled = null
      }
    },
  }
}
