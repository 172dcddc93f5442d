import { haversineMeters, type LatLng } from '@cgt/shared/geo/coords';
import ngeohash from 'ngeohash';

/**
 * Possible duplicates (疑似重复): open tickets of the same category within 50 m filed in the last 72 h.
 * FerretDB has no geo queries, so the database only narrows by category, status and time; distance is
 * computed here over that small candidate set.
 */
export const DUPLICATE_RADIUS_M = 50;
export const DUPLICATE_WINDOW_MS = 72 * 3600_000;
export const MAX_DUPLICATE_SUGGESTIONS = 5;

export interface DuplicateCandidate {
  id: string;
  trackingNo: string;
  categoryCode: string;
  location: LatLng;
  createdAt: Date;
  status: string;
}

export interface DuplicateMatch {
  id: string;
  trackingNo: string;
  categoryCode: string;
  distanceMeters: number;
  createdAt: Date;
  status: string;
}

/** Nearest first; the ticket itself (excludeId) and candidates outside the window are skipped. */
export function findDuplicates(
  point: LatLng,
  now: Date,
  candidates: readonly DuplicateCandidate[],
  excludeId?: string,
): DuplicateMatch[] {
  const since = now.getTime() - DUPLICATE_WINDOW_MS;
  const out: DuplicateMatch[] = [];
  for (const c of candidates) {
    if (c.id === excludeId) continue;
    const t = c.createdAt.getTime();
    if (t < since || t > now.getTime() + 60_000) continue;
    const d = haversineMeters(point, c.location);
    if (d > DUPLICATE_RADIUS_M) continue;
    out.push({
      id: c.id,
      trackingNo: c.trackingNo,
      categoryCode: c.categoryCode,
      distanceMeters: Math.round(d * 10) / 10,
      createdAt: c.createdAt,
      status: c.status,
    });
  }
  out.sort((a, b) => a.distanceMeters - b.distanceMeters || b.createdAt.getTime() - a.createdAt.getTime());
  return out.slice(0, MAX_DUPLICATE_SUGGESTIONS);
}

/**
 * The equality key of duplicate suggestions: category × geohash-7 cell (≈153 m × 153 m at our latitude).
 * A point's 50 m circle lies within its cell and the 8 around it, so 9 equality lookups find every
 * candidate — FerretDB cannot run geo or range queries, but it pushes equality down.
 */
export const DUPLICATE_GEOHASH_PRECISION = 7;

export function duplicateKey(categoryCode: string, p: LatLng): string {
  return `${categoryCode}|${ngeohash.encode(p.lat, p.lng, DUPLICATE_GEOHASH_PRECISION)}`;
}

export function duplicateLookupKeys(categoryCode: string, p: LatLng): string[] {
  const own = ngeohash.encode(p.lat, p.lng, DUPLICATE_GEOHASH_PRECISION);
  return [own, ...ngeohash.neighbors(own)].map((cell) => `${categoryCode}|${cell}`);
}
