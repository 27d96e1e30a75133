import { expect, it } from 'vitest'
import { newUuid } from './uuid.js'

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

it('makes RFC 4122 version-4 ids without randomUUID, all different', () => {
  const onlyRandomValues = { getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto) }
  const ids = Array.from({ length: 50 }, () => newUuid(onlyRandomValues))
  for (const id of ids) expect(id).toMatch(UUID_V4)
  expect(new Set(ids).size).toBe(50)
})
