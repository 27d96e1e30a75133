/** A point in degrees. Which datum (WGS-84, GCJ-02) is the caller's business: never mix them in one call. */
export type LatLng = { lat: number; lng: number }

// IUGG mean Earth radius: the sphere that minimises the haversine error over mid-latitudes (< 0.5 %).
export const EARTH_RADIUS_M = 6_371_008.8

const rad = (deg: number): number => (deg * Math.PI) / 180

/** Great-circle distance in metres. */
export function haversineM(a: LatLng, b: LatLng): number {
  const dLat = rad(b.lat - a.lat)
  const dLng = rad(b.lng - a.lng)
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2
  // min() guards asin against rounding just above 1 for antipodal points
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

/**
 * Distance between two fixes that cannot be explained by their error circles: the part of the great-circle
 * distance left over after subtracting both accuracy radii (and an optional extra slack), never below zero.
 */
export function separationM(a: LatLng, accA: number, b: LatLng, accB: number, slackM = 0): number {
  return Math.max(0, haversineM(a, b) - accA - accB - slackM)
}
