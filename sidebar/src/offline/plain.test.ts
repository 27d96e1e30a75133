import { describe, expect, it } from 'vitest'
import { isProxy, reactive, ref } from 'vue'
import { plain } from './plain.js'

describe('plain', () => {
  it('turns reactive state at any depth into data structured clone accepts', () => {
    const location = ref({ lat: 30.2, lng: 120.1, accuracy: 20 })
    const item = { payload: { location: location.value, painPoints: reactive(['预算']) }, at: new Date(0) }
    expect(() => structuredClone(item)).toThrow()
    const copy = plain(item)
    expect(isProxy(copy.payload.location)).toBe(false)
    expect(structuredClone(copy)).toEqual({ payload: { location: { lat: 30.2, lng: 120.1, accuracy: 20 }, painPoints: ['预算'] }, at: new Date(0) })
  })
  it('keeps files as they are', () => {
    const file = new Blob(['x'])
    expect(plain({ photo: reactive({ image: file }) }).photo.image).toBe(file)
  })
})
