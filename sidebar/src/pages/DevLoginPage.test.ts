import { expect, it, vi } from 'vitest'
import { loadDevContext } from '../platform/dev-platform.js'
import { mountWith } from '../testing/mount-with.js'
import DevLoginPage from './DevLoginPage.vue'

it('signs in as the chosen member and remembers the chosen chat for the dev platform', async () => {
  sessionStorage.clear()
  const m = mountWith(DevLoginPage, {}, { routes: {
    'GET /api/dev/members': () => ({ body: { items: [{ id: 'm1', name: '李雷' }, { id: 'm2', name: '韩梅梅' }] } }),
    'GET /api/dev/contacts': () => ({ body: { items: [{ externalUserId: 'wm-ext-1', name: '王主任', customerName: '杭州市第一人民医院' }] } }),
    'POST /auth/dev-login': () => ({ body: {} }),
  } })
  await vi.waitFor(() => expect(m.wrapper.findAll('[data-test=member] option')).toHaveLength(2))
  await m.wrapper.find('[data-test=member]').setValue('m2')
  await m.wrapper.find('[data-test=entry]').setValue('chat_attachment')
  await m.wrapper.find('[data-test=login]').trigger('click')
  await vi.waitFor(() => expect(m.wrapper.emitted('done')).toHaveLength(1))
  expect(m.bot.calls('POST', '/auth/dev-login')[0]?.body).toEqual({ memberId: 'm2' })
  expect(loadDevContext()).toEqual({ entry: 'chat_attachment', externalUserId: 'wm-ext-1' })
})
