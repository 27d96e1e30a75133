import type { LatLng } from './distance.js'

/*
 * GCJ-02 ("Mars coordinates") is the obfuscated datum that Chinese maps (Amap, Tencent, WeCom's getLocation by default)
 * use; Baidu adds a further shift (BD-09). The forward formula is the widely published reverse-engineered one
 * (Krasovsky 1940 ellipsoid constants); outside China the datum is WGS-84 unchanged.
 */
const A = 6_378_245.0
const EE = 0.006_693_421_622_965_943
const X_PI = (Math.PI * 3000.0) / 180.0

/** The rough bounding box the obfuscation applies to (mainland China's extent, as in the public implementations). */
export function isOutsideChina(p: LatLng): boolean {
  return p.lng < 72.004 || p.lng > 137.8347 || p.lat < 0.8293 || p.lat > 55.8271
}

function shiftLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x))
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0
  return r
}

function shiftLng(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x))
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0
  return r
}

function offset(p: LatLng): LatLng {
  const radLat = (p.lat / 180.0) * Math.PI
  const magic = 1 - EE * Math.sin(radLat) ** 2
  const sqrtMagic = Math.sqrt(magic)
  const dLat = (shiftLat(p.lng - 105.0, p.lat - 35.0) * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI)
  const dLng = (shiftLng(p.lng - 105.0, p.lat - 35.0) * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI)
  return { lat: dLat, lng: dLng }
}

export function wgs84ToGcj02(p: LatLng): LatLng {
  if (isOutsideChina(p)) return { lat: p.lat, lng: p.lng }
  const d = offset(p)
  return { lat: p.lat + d.lat, lng: p.lng + d.lng }
}

/** The forward shift has no closed inverse; fixed-point iteration converges to < 1e-9° (sub-millimetre) in a few steps. */
export function gcj02ToWgs84(p: LatLng): LatLng {
  if (isOutsideChina(p)) return { lat: p.lat, lng: p.lng }
  let w = { lat: p.lat, lng: p.lng }
  for (let i = 0; i < 30; i++) {
    const g = wgs84ToGcj02(w)
    const eLat = g.lat - p.lat
    const eLng = g.lng - p.lng
    w = { lat: w.lat - eLat, lng: w.lng - eLng }
    if (Math.abs(eLat) < 1e-10 && Math.abs(eLng) < 1e-10) break
  }
  return w
}

/** Baidu's BD-09 from GCJ-02 (Baidu's URI API also accepts GCJ-02 directly with coord_type=gcj02). */
export function gcj02ToBd09(p: LatLng): LatLng {
  const z = Math.sqrt(p.lng * p.lng + p.lat * p.lat) + 0.00002 * Math.sin(p.lat * X_PI)
  const theta = Math.atan2(p.lat, p.lng) + 0.000003 * Math.cos(p.lng * X_PI)
  return { lat: z * Math.sin(theta) + 0.006, lng: z * Math.cos(theta) + 0.0065 }
}

export const COORD_SYSTEMS = ['wgs84', 'gcj02'] as const
export type CoordSystem = (typeof COORD_SYSTEMS)[number]

/** Brings a point into WGS-84 so that points from different sources are compared within one datum. */
export function toWgs84(p: LatLng, system: CoordSystem): LatLng {
  return system === 'gcj02' ? gcj02ToWgs84(p) : { lat: p.lat, lng: p.lng }
}
