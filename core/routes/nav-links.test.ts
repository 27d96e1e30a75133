import { describe, expect, it } from 'vitest'
import { wgs84ToGcj02 } from '../geo/china-datum.js'
import { navLinks } from './nav-links.js'

const from = { lat: 30.2741, lng: 120.1551, name: '公司 A&B' }
const to = { lat: 30.2306, lng: 120.1969, name: '康泰医院' }

describe('navLinks', () => {
  it('converts WGS-84 to GCJ-02 and orders coordinates as each app expects', () => {
    const l = navLinks(from, to)
    const f = wgs84ToGcj02(from)
    const t = wgs84ToGcj02(to)
    const lngLat = (p: { lat: number; lng: number }) => `${p.lng.toFixed(6)},${p.lat.toFixed(6)}`
    const latLng = (p: { lat: number; lng: number }) => `${p.lat.toFixed(6)},${p.lng.toFixed(6)}`
    expect(l.amap).toBe(`https://uri.amap.com/navigation?from=${lngLat(f)},${encodeURIComponent(from.name)}&to=${lngLat(t)},${encodeURIComponent(to.name)}&mode=car&coordinate=gaode&callnative=1`)
    expect(l.baidu).toContain(`origin=latlng:${latLng(f)}|name:${encodeURIComponent(from.name)}`)
    expect(l.baidu).toContain('mode=driving&coord_type=gcj02&output=html&src=salespath')
    expect(l.tencent).toBe(`https://apis.map.qq.com/uri/v1/routeplan?type=drive&from=${encodeURIComponent(from.name)}&fromcoord=${latLng(f)}&to=${encodeURIComponent(to.name)}&tocoord=${latLng(t)}&referer=salespath`)
  })

  it.each([
    ['wgs84 points are shifted', 'wgs84' as const, true],
    ['gcj02 points are used as given', 'gcj02' as const, false],
  ])('%s', (_name, system, shifted) => {
    const l = navLinks(from, to, system, 'my app')
    expect(l.amap.includes(`from=${from.lng.toFixed(6)},${from.lat.toFixed(6)}`)).toBe(!shifted)
    expect(l.tencent).toContain('referer=my%20app')
  })

  it('escapes names so that "&" cannot break the query', () => {
    expect(navLinks(from, to).amap).toContain('%E5%85%AC%E5%8F%B8%20A%26B')
  })
})
