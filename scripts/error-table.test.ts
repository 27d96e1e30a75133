import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { END, START, errorTable, replaceBetweenMarkers } from './error-table.js'

describe('README error table', () => {
  it('lists every catalog code as it is now (run `npm run docs:errors` after adding one)', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8')
    expect(replaceBetweenMarkers(readme, errorTable())).toBe(readme)
  })
  it('refuses a README without markers', () => {
    expect(() => replaceBetweenMarkers('no markers', '')).toThrow(START)
  })
  it('replaces only what stands between the markers', () => {
    expect(replaceBetweenMarkers(`a\n${START}\nold\n${END}\nb`, 'new')).toBe(`a\n${START}\nnew\n${END}\nb`)
  })
})
