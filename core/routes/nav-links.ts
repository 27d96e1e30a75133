import { wgs84ToGcj02, type CoordSystem } from '../geo/china-datum.js'
import type { LatLng } from '../geo/distance.js'

export type NamedPoint = LatLng & { name: string }
export type NavLinks = { amap: string; baidu: string; tencent: string }

/*
 * Chinese map apps take GCJ-02 ("Mars") coordinates: Amap's URI API with coordinate=gaode, Tencent's always, Baidu's
 * when told coord_type=gcj02 (it otherwise expects its own BD-09). So every point is brought to GCJ-02 once, here.
 *   Amap:    https://lbs.amap.com/api/uri-api/guide/travel/route
 *   Baidu:   https://lbsyun.baidu.com/faq/api?title=webapi/uri/web  (direction, output=html)
 *   Tencent: https://lbs.qq.com/webApi/uriV1/uriGuide/uriWebRoute
 */
const fixed = (x: number): string => x.toFixed(6)
const enc = encodeURIComponent

function toGcj(p: NamedPoint, system: CoordSystem): NamedPoint {
  const g = system === 'gcj02' ? { lat: p.lat, lng: p.lng } : wgs84ToGcj02(p)
  return { ...g, name: p.name }
}

export function amapLink(from: NamedPoint, to: NamedPoint): string {
  const pt = (p: NamedPoint) => `${fixed(p.lng)},${fixed(p.lat)},${enc(p.name)}`
  return `https://uri.amap.com/navigation?from=${pt(from)}&to=${pt(to)}&mode=car&coordinate=gaode&callnative=1`
}

export function baiduLink(from: NamedPoint, to: NamedPoint, app: string): string {
  const pt = (p: NamedPoint) => `latlng:${fixed(p.lat)},${fixed(p.lng)}|name:${enc(p.name)}`
  return `https://api.map.baidu.com/direction?origin=${pt(from)}&destination=${pt(to)}&mode=driving&coord_type=gcj02&output=html&src=${enc(app)}`
}

export function tencentLink(from: NamedPoint, to: NamedPoint, app: string): string {
  const pt = (p: NamedPoint) => `${fixed(p.lat)},${fixed(p.lng)}`
  return `https://apis.map.qq.com/uri/v1/routeplan?type=drive&from=${enc(from.name)}&fromcoord=${pt(from)}&to=${enc(to.name)}&tocoord=${pt(to)}&referer=${enc(app)}`
}

/** Navigation links for one leg; `system` is the datum the points are given in (device fixes are WGS-84). */
export function navLinks(from: NamedPoint, to: NamedPoint, system: CoordSystem = 'wgs84', app = 'salespath'): NavLinks {
  const a = toGcj(from, system)
  const b = toGcj(to, system)
  return { amap: amapLink(a, b), baidu: baiduLink(a, b, app), tencent: tencentLink(a, b, app) }
}
