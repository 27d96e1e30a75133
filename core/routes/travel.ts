import { haversineM, type LatLng } from '../geo/distance.js'

/** How stop-to-stop travel time is estimated when no road matrix is given. */
export type TravelModel = { roadFactor: number; speedKmh: number }

export const DEFAULT_TRAVEL: TravelModel = { roadFactor: 1.3, speedKmh: 35 }

/** Minutes between every pair of points: great-circle × road factor ÷ average speed. */
export function travelMinutes(points: readonly LatLng[], m: TravelModel = DEFAULT_TRAVEL): number[][] {
  return points.map((a) => points.map((b) => ((haversineM(a, b) * m.roadFactor) / 1000 / m.speedKmh) * 60))
}

/** Road kilometres under the same model (for showing a leg's length). */
export const roadKm = (a: LatLng, b: LatLng, m: TravelModel = DEFAULT_TRAVEL): number => (haversineM(a, b) * m.roadFactor) / 1000
