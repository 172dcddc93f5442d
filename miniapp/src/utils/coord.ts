/** Coordinate helpers. The server stores GCJ-02 (what WeChat returns); browsers give WGS-84. */
import gcoord from 'gcoord'

export interface LatLng {
  lat: number
  lng: number
}

/** WGS-84 (browser geolocation, GPS) → GCJ-02 (WeChat maps, our district polygons). */
export function wgs84ToGcj02(p: LatLng): LatLng {
  const [lng, lat] = gcoord.transform([p.lng, p.lat], gcoord.WGS84, gcoord.GCJ02) as [number, number]
  return { lat: round6(lat), lng: round6(lng) }
}

/** 6 decimals ≈ 0.1 m: enough, and keeps the request body stable across resends. */
export function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6
}

/** Plausible coordinate for manual entry (inside China's bounding box). */
export function isPlausibleChinaPoint(p: LatLng): boolean {
  return Number.isFinite(p.lat) && Number.isFinite(p.lng) && p.lat > 3 && p.lat < 54 && p.lng > 73 && p.lng < 136
}

/** "29.3571, 113.1292" */
export function formatLatLng(p: LatLng): string {
  return `${p.lat.toFixed(5)}, ${p.lng.toFixed(5)}`
}
