import type { AreaGeometry, Position } from '@cgt/shared/geo/polygon';

/**
 * Outlines for drawing, not for routing: Douglas–Peucker with a tolerance in degrees, coordinates rounded
 * to `decimals` places (5 ≈ 1 m), consecutive duplicates dropped. Rings stay closed and keep at least four
 * positions (a triangle), so every ring still draws as an area.
 */
export type DrawRing = [number, number][];

export function simplifyRing(ring: readonly Position[], tolerance: number, decimals = 5): DrawRing {
  const pts = ring.map((p) => [Number(p[0]), Number(p[1])] as [number, number]);
  if (pts.length <= 4) return roundRing(pts, decimals);
  const keep = new Uint8Array(pts.length);
  keep[0] = keep[pts.length - 1] = 1;
  // a closed ring: split at the point farthest from the start so the two halves are proper polylines
  let far = 1;
  let farD = -1;
  for (let i = 1; i < pts.length - 1; i++) {
    const d = (pts[i]![0] - pts[0]![0]) ** 2 + (pts[i]![1] - pts[0]![1]) ** 2;
    if (d > farD) [far, farD] = [i, d];
  }
  keep[far] = 1;
  const stack: [number, number][] = [[0, far], [far, pts.length - 1]];
  const tol2 = tolerance * tolerance;
  while (stack.length) {
    const [a, b] = stack.pop()!;
    let idx = -1;
    let max = tol2;
    for (let i = a + 1; i < b; i++) {
      const d = segDist2(pts[i]!, pts[a]!, pts[b]!);
      if (d > max) [idx, max] = [i, d];
    }
    if (idx >= 0) {
      keep[idx] = 1;
      stack.push([a, idx], [idx, b]);
    }
  }
  let out = pts.filter((_, i) => keep[i]);
  if (out.length < 4) out = pts; // too small to simplify: draw it as it is
  return roundRing(out, decimals);
}

export function simplifyGeometry(g: AreaGeometry, tolerance: number, decimals = 5): DrawRing[][] {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polygons.map((rings) => rings.map((r) => simplifyRing(r, tolerance, decimals)));
}

function roundRing(pts: [number, number][], decimals: number): DrawRing {
  const f = 10 ** decimals;
  const out: DrawRing = [];
  for (const [x, y] of pts) {
    const p: [number, number] = [Math.round(x * f) / f, Math.round(y * f) / f];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
}

function segDist2(p: [number, number], a: [number, number], b: [number, number]): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  let t = len2 ? ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2 : 0;
  t = Math.max(0, Math.min(1, t));
  return (p[0] - a[0] - t * dx) ** 2 + (p[1] - a[1] - t * dy) ** 2;
}

/** Nearest of some anchors to a point (equirectangular distance: fine at a city's scale). */
export function nearest<T extends { center: { lat: number; lng: number } }>(items: readonly T[], p: { lat: number; lng: number }): T | null {
  const k = Math.cos((p.lat * Math.PI) / 180);
  let best: T | null = null;
  let bestD = Infinity;
  for (const it of items) {
    const d = ((it.center.lng - p.lng) * k) ** 2 + (it.center.lat - p.lat) ** 2;
    if (d < bestD) [best, bestD] = [it, d];
  }
  return best;
}
