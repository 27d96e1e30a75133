import { describe, expect, it } from 'vitest'
import { configSection, parseCliArgs, parseJsonText } from './cli-input.js'
import { visitsCheckOutput } from './visits-cli.js'

const record = {
  id: 'A1', repId: 'R1', customerId: 'C1', lat: 30.27, lng: 120.15, accuracyM: 12,
  deviceTime: '2026-03-10T10:00:00+08:00', serverTime: '2026-03-10T10:00:05+08:00',
  photoHash: 'ff', photoExifTime: '2026-03-10T09:58:00+08:00',
}

describe('parseCliArgs', () => {
  it.each([
    ['a file', ['in.json'], { file: 'in.json', configPath: null }],
    ['npm passes a leading --', ['--', 'in.json'], { file: 'in.json', configPath: null }],
    ['--config PATH', ['in.json', '--config', 'c.yaml'], { file: 'in.json', configPath: 'c.yaml' }],
    ['--config=PATH', ['--config=c.yaml', 'in.json'], { file: 'in.json', configPath: 'c.yaml' }],
  ])('%s', (_name, argv, expected) => {
    expect(parseCliArgs(argv)).toEqual({ ok: true, value: expected })
  })

  it.each([
    ['no file', []],
    ['two files', ['a.json', 'b.json']],
    ['an unknown option', ['a.json', '-v']],
    ['--config without a path', ['a.json', '--config']],
  ])('refuses %s', (_name, argv) => {
    expect(parseCliArgs(argv).ok).toBe(false)
  })
})

describe('visitsCheckOutput', () => {
  it('prints one JSON array of {id, anomalies} in input order', () => {
    const late = { ...record, id: 'A2', photoHash: 'ee', deviceTime: '2026-03-10T20:00:00+08:00', serverTime: '2026-03-10T20:00:01+08:00', photoExifTime: null }
    const out = visitsCheckOutput(JSON.stringify([record, late]), {})
    expect(out.ok && JSON.parse(out.value)).toEqual([{ id: 'A1', anomalies: [] }, { id: 'A2', anomalies: ['OUTSIDE_HOURS'] }])
  })

  it('treats a statutory holiday from the shared calendar as a non-working day', () => {
    const qingming = { ...record, deviceTime: '2026-04-06T10:00:00+08:00', serverTime: '2026-04-06T10:00:05+08:00', photoExifTime: null }
    const calendars = [{ year: 2026, holidays: ['2026-04-06'], workdays: [] }]
    const out = visitsCheckOutput(JSON.stringify([qingming]), {}, calendars)
    expect(out.ok && JSON.parse(out.value)).toEqual([{ id: 'A1', anomalies: ['OUTSIDE_HOURS'] }])
    const plain = visitsCheckOutput(JSON.stringify([qingming]), {})
    expect(plain.ok && JSON.parse(plain.value)).toEqual([{ id: 'A1', anomalies: [] }])
  })

  it('applies the config document', () => {
    const out = visitsCheckOutput(JSON.stringify([record]), { itinerary: { maxAccuracyM: 10 } })
    expect(out.ok && JSON.parse(out.value)).toEqual([{ id: 'A1', anomalies: ['GPS_LOW_ACCURACY'] }])
  })

  it.each([
    ['text that is not JSON', '[{', {}, 'not valid JSON'],
    ['an object instead of an array', '{}', {}, 'expected array'],
    ['a record without coordinates', JSON.stringify([{ ...record, lat: undefined }]), {}, 'lat'],
    ['duplicate ids', JSON.stringify([record, record]), {}, 'duplicate'],
    ['a bad config', '[]', { itinerary: { roadFactor: 'x' } }, 'roadFactor'],
  ])('refuses %s with a message naming the problem', (_name, text, config, mentions) => {
    const out = visitsCheckOutput(text, config)
    expect(out.ok).toBe(false)
    if (!out.ok) expect(JSON.stringify(out.error.params)).toContain(mentions)
  })
})

describe('helpers', () => {
  it.each([
    [{ itinerary: { a: 1 } }, 'itinerary', { a: 1 }],
    [null, 'itinerary', undefined],
    ['text', 'itinerary', undefined],
  ])('configSection(%j, %s)', (doc, key, expected) => {
    expect(configSection(doc, key)).toEqual(expected)
  })

  it('parseJsonText wraps JSON errors', () => {
    expect(parseJsonText('[1]', 'x')).toEqual({ ok: true, value: [1] })
    expect(parseJsonText('nope', 'the file').ok).toBe(false)
  })
})
