import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApiClient } from '../api/client.js'
import { NETWORK_DOWN, errorBody, fakeBot, type FakeHandler } from '../testing/fake-bot.js'
import { memoryStore } from './kv-store.js'
import { createOfflineQueue, type OutboxItem } from './offline-queue.js'

const visit = (clientId: string, photo: boolean): OutboxItem => ({
  kind: 'visit', clientId, deviceAt: '2026-11-27T01:00:00.000Z', enqueuedAt: 1,
  payload: {
    clientId, customerId: 'c1', deviceAt: '2026-11-27T01:00:00.000Z', painPoints: ['预算紧'], keywordsHeard: ['预算'],
    location: { lat: 30.25, lng: 120.15, accuracy: 20, coordSystem: 'gcj02' }, nextFollowUpAt: null,
  },
  photo: photo ? { clientId: `${clientId}-p`, image: { kind: 'file', file: new Blob(['jpeg']), name: 'door.jpg' } } : null,
})

function setUp(visitHandler: FakeHandler = () => ({ body: { id: 'v1' } })) {
  const bot = fakeBot({
    'POST /api/visits': visitHandler,
    'POST /api/attachments': () => ({ body: { id: 'att1', sha256: 'ab' } }),
  })
  const store = memoryStore<OutboxItem>()
  const queue = createOfflineQueue(store, createApiClient(bot.fetch))
  return { bot, store, queue }
}

afterEach(() => { vi.useRealTimers() })

describe('offline queue', () => {
  it('keeps a visit submitted offline and sends it exactly once when online fires twice', async () => {
    const { bot, store, queue } = setUp()
    bot.state.offline = true
    expect(await queue.submit(visit('v-1', false))).toEqual({ status: 'queued' })
    expect(queue.pending.value).toBe(1)
    expect(await store.list()).toHaveLength(1)

    bot.state.offline = false
    const target = new EventTarget()
    queue.listen(target as unknown as Window)
    target.dispatchEvent(new Event('online'))
    target.dispatchEvent(new Event('online'))
    await queue.flush()

    expect(bot.calls('POST', '/api/visits')).toHaveLength(1)
    expect(bot.calls('POST', '/api/visits')[0]?.body).toMatchObject({ clientId: 'v-1', photoAttachmentId: null })
    expect(queue.pending.value).toBe(0)
    expect(await store.list()).toEqual([])
  })

  it('retries on its own, 2 s then 4 s apart, when the connection is back but no online event says so', async () => {
    vi.useFakeTimers()
    const { bot, queue } = setUp()
    const detach = queue.listen(new EventTarget() as unknown as Window)
    bot.state.offline = true
    expect(await queue.submit(visit('v-5', false))).toEqual({ status: 'queued' })
    await vi.advanceTimersByTimeAsync(2_000) // first retry: still offline
    expect(queue.pending.value).toBe(1)
    bot.state.offline = false
    await vi.advanceTimersByTimeAsync(3_999)
    expect(bot.calls('POST', '/api/visits')).toHaveLength(0) // the second waits 4 s
    await vi.advanceTimersByTimeAsync(1)
    await vi.waitFor(() => expect(queue.pending.value).toBe(0))
    expect(bot.calls('POST', '/api/visits')).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(120_000) // nothing left: no more retries
    expect(bot.calls('POST', '/api/visits')).toHaveLength(1)
    detach()
  })

  it('uploads the photo once even when the connection drops between the upload and the visit', async () => {
    let visitsTried = 0
    const { bot, queue } = setUp(() => (++visitsTried === 1 ? NETWORK_DOWN : { body: { id: 'v1' } }))
    expect(await queue.submit(visit('v-2', true))).toEqual({ status: 'queued' })
    await queue.flush()
    expect(bot.calls('POST', '/api/attachments')).toHaveLength(1)
    expect(bot.calls('POST', '/api/visits')[0]?.body).toMatchObject({ photoAttachmentId: 'att1' })
    expect(queue.pending.value).toBe(0)
  })

  it('drops an item the server refuses and reports it instead of retrying forever', async () => {
    const refusal = errorBody('FORBIDDEN', '无权访问该数据', 'You are not allowed to access this data')
    const { bot, queue, store } = setUp(() => ({ status: 403, body: refusal }))
    bot.state.offline = true
    await queue.submit(visit('v-3', false))
    bot.state.offline = false
    await queue.flush()
    expect(await store.list()).toEqual([])
    expect(queue.refused.value.map((r) => [r.item.clientId, r.error.code])).toEqual([['v-3', 'FORBIDDEN']])
  })

  it('answers a submit made online with the server id', async () => {
    const { queue } = setUp()
    expect(await queue.submit(visit('v-4', false))).toEqual({ status: 'sent', id: 'v1' })
    expect(queue.pending.value).toBe(0)
  })
})
