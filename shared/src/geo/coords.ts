/**
 * Coordinates: we store GCJ-02 (what WeChat maps and the district data use); inputs may say WGS-84
 * (phone GPS, Open311). gcoord is only imported here so pages that just need distances stay small.
 */
// Default import: gcoord's "main" is CommonJS, whose named exports Node's ESM loader cannot see.
import gcoord from 'gcoord';

export interface LatLng {
  lat: number;
  lng: number;
}

export type CoordSys = 'gcj02' | 'wgs84';
export const COORD_SYSTEMS: readonly CoordSys[] = ['gcj02', 'wgs84'];

/** Convert to GCJ-02. Outside China gcoord leaves points unchanged (GCJ-02 is only defined there). */
export function toGcj02(point: LatLng, coordSys: CoordSys = 'gcj02'): LatLng {
  if (coordSys === 'gcj02') return { lat: point.lat, lng: point.lng };
  const [lng, lat] = gcoord.transform<[number, number]>([point.lng, point.lat], gcoord.WGS84, gcoord.GCJ02);
  return { lat, lng };
}

/** Convert GCJ-02 back to WGS-84 (Open311 output); gcoord's inverse is iterative, accurate to < 1 m. */
export function gcj02ToWgs84(point: LatLng): LatLng {
  const [lng, lat] = gcoord.transform<[number, number]>([point.lng, point.lat], gcoord.GCJ02, gcoord.WGS84);
  return { lat, lng };
}

/** Mean Earth radius (IUGG), metres. */
export const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres; plenty for "within 50 m" duplicate checks. */
export function haversineMeters(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function isValidLatLng(p: LatLng): boolean {
  return Number.isFinite(p.lat) && Number.isFinite(p.lng) && Math.abs(p.lat) <= 90 && Math.abs(p.lng) <= 180;
}
