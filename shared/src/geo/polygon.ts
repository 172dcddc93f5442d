/**
 * Point-in-polygon, bounding boxes and geometry validation for GeoJSON Polygon/MultiPolygon
 * (positions are [lng, lat], RFC 7946). Pure math, no dependencies, so routing can run anywhere.
 */
import type { LatLng } from './coords';

export type Position = readonly number[];
export type Ring = readonly Position[];
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: readonly Ring[];
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: readonly (readonly Ring[])[];
}
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

/** [minLng, minLat, maxLng, maxLat] */
export type BBox = readonly [number, number, number, number];

function polygonsOf(g: AreaGeometry): readonly (readonly Ring[])[] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/**
 * Crossing-number test with the half-open rule. The edge is always evaluated from its lower to its
 * upper endpoint, so two polygons sharing an edge (traversed in opposite directions) compute the
 * very same float and a point exactly on it belongs to exactly one of them: the polygon to its east
 * for a north–south edge, the one to its north for an east–west edge.
 */
function ringContains(ring: Ring, x: number, y: number): boolean {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const p = ring[i];
    const q = ring[j];
    if (!p || !q) continue;
    const [lo, hi] = (p[1] ?? 0) <= (q[1] ?? 0) ? [p, q] : [q, p];
    const loX = lo[0] ?? 0;
    const loY = lo[1] ?? 0;
    const hiX = hi[0] ?? 0;
    const hiY = hi[1] ?? 0;
    if (y < loY || y >= hiY) continue; // half-open: [loY, hiY); horizontal edges never count
    const cross = (hiX - loX) * (y - loY) - (x - loX) * (hiY - loY);
    if (cross > 0) inside = !inside; // point strictly west of the edge: the eastward ray crosses it
  }
  return inside;
}

/** Whether the point lies in the geometry (outer ring minus holes; any part of a MultiPolygon). */
export function pointInGeometry(point: LatLng, geometry: AreaGeometry): boolean {
  const { lng: x, lat: y } = point;
  if (!Number.isFinite(x) || !Number.isFinite(y)) return false;
  for (const rings of polygonsOf(geometry)) {
    const [outer, ...holes] = rings;
    if (!outer || !ringContains(outer, x, y)) continue;
    if (!holes.some((h) => ringContains(h, x, y))) return true;
  }
  return false;
}

export function bboxOf(geometry: AreaGeometry): BBox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const rings of polygonsOf(geometry)) {
    // Holes lie inside the outer ring, so the outer rings bound the geometry.
    for (const p of rings[0] ?? []) {
      const x = p[0] ?? NaN;
      const y = p[1] ?? NaN;
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}

/** Inclusive on all sides: a bbox is only a cheap pre-filter before pointInGeometry. */
export function bboxContains(bbox: BBox, point: LatLng): boolean {
  return point.lng >= bbox[0] && point.lng <= bbox[2] && point.lat >= bbox[1] && point.lat <= bbox[3];
}

export function bboxUnion(a: BBox, b: BBox): BBox {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

export function expandBbox(bbox: BBox, degrees: number): BBox {
  return [bbox[0] - degrees, bbox[1] - degrees, bbox[2] + degrees, bbox[3] + degrees];
}

export function bboxIntersects(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

export { validatePolygon } from './validate';
export type { GeometryProblem, GeometryProblemCode, ValidateOptions } from './validate';
