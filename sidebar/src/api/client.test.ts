import { describe, expect, it } from 'vitest'
import { missingFrom, toUiError } from './api-error.js'
import { createApiClient, type FetchFn } from './client.js'

function answering(status: number, body: string) {
  const seen: { input: string; init: RequestInit | undefined }[] = []
  const fetchFn: FetchFn = async (input, init) => {
    seen.push({ input, init })
    return new Response(body, { status, headers: { 'content-type': 'application/json' } })
  }
  return { api: createApiClient(fetchFn, 'https://bot.example'), seen }
}

const failureOf = async (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure') }, (e: unknown) => toUiError(e))

describe('api client', () => {
  it('sends the session cookie and JSON, and reads JSON back', async () => {
    const { api, seen } = answering(200, JSON.stringify({ id: 'o1', node: { key: 'a', name: { zh: '甲', en: 'A' } } }))
    expect(await api.startOpportunity({ clientId: 'c1', customerId: 'cust 1' })).toEqual({ id: 'o1', node: { key: 'a', name: { zh: '甲', en: 'A' } } })
    expect(seen[0]?.input).toBe('https://bot.example/api/opportunities')
    expect(seen[0]?.init).toMatchObject({ method: 'POST', credentials: 'include', body: '{"clientId":"c1","customerId":"cust 1"}' })
  })

  it('encodes path and query parts', async () => {
    const { api, seen } = answering(200, '{"items":[]}')
    await api.searchCustomers('第一 医院&x')
    await api.cardByExternal('wm/ext 1')
    expect(seen.map((s) => s.input)).toEqual([
      'https://bot.example/api/customers?query=%E7%AC%AC%E4%B8%80%20%E5%8C%BB%E9%99%A2%26x',
      'https://bot.example/api/customers/by-external/wm%2Fext%201',
    ])
  })

  it.each([
    [409, JSON.stringify({ error: { code: 'DELIVERABLES_MISSING', message: { zh: '缺少交付物', en: 'Missing' }, requestId: 'r1', params: { node: 'n', missing: 'x', items: [{ key: 'k', name: { zh: '照片', en: 'Photo' }, kind: 'photo', have: 0, need: 1 }] } } }), 'DELIVERABLES_MISSING', '缺少交付物'],
    [401, JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: { zh: '请先登录', en: 'Please sign in first' }, requestId: 'r2' } }), 'UNAUTHENTICATED', '请先登录'],
    [502, '<html>Bad Gateway</html>', 'UNEXPECTED_RESPONSE', '服务器返回了无法识别的应答（502）'],
  ])('maps HTTP %i to a UiError', async (status, body, code, zh) => {
    const { api } = answering(status, body)
    const e = await failureOf(api.advance('o1', { clientId: 'c', fromNode: 'n' }))
    expect([e.code, e.message.zh]).toEqual([code, zh])
    expect(missingFrom(e).map((m) => m.key)).toEqual(code === 'DELIVERABLES_MISSING' ? ['k'] : [])
  })

  it('turns a dropped connection into NETWORK', async () => {
    const api = createApiClient(async () => { throw new TypeError('Failed to fetch') })
    expect((await failureOf(api.me())).code).toBe('NETWORK')
  })

  it('uploads a file as multipart with its clientId and purpose', async () => {
    const { api, seen } = answering(200, '{"id":"a1","sha256":"00"}')
    await api.uploadFile('c9', 'quote', new Blob(['png']), 'q.png')
    const form = seen[0]?.init?.body as FormData
    expect([form.get('clientId'), form.get('purpose'), (form.get('file') as File).name]).toEqual(['c9', 'quote', 'q.png'])
  })
})
