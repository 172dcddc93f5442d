import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bboxOf, type AreaGeometry } from '@cgt/shared/geo/polygon';
import type { LatLng } from '@cgt/shared/geo/coords';
import type { Area } from './area-index.js';
import { PreparedArea } from './prepared-area.js';

/** Test support: the shipped district and demo-zone polygons as Areas, and interior points computed from them. */
const SEED_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../seed');

export function shippedAreas(): { districts: Area[]; zones: Area[] } {
  const d = JSON.parse(readFileSync(path.join(SEED_DIR, 'yueyang-districts.geojson'), 'utf8')) as {
    features: { properties: { adcode: string; name: string }; geometry: AreaGeometry }[];
  };
  const z = JSON.parse(readFileSync(path.join(SEED_DIR, 'zones-demo.geojson'), 'utf8')) as {
    features: { properties: { code: string; name: string }; geometry: AreaGeometry }[];
  };
  return {
    districts: d.features.map((f) => ({ code: f.properties.adcode, name: f.properties.name, kind: 'district', demo: false, geometry: f.geometry })),
    zones: z.features.map((f) => ({ code: f.properties.code, name: f.properties.name, kind: 'zone', demo: true, geometry: f.geometry })),
  };
}

/**
 * A point well inside the area: on a 40×40 grid over its bbox, the contained grid point whose 8
 * neighbours are contained too, nearest the vertex average. Avoids thin slivers and edges.
 */
export function interiorPoint(area: Area, avoid: Area[] = []): LatLng {
  const [x0, y0, x1, y1] = bboxOf(area.geometry);
  const n = 40;
  const dx = (x1 - x0) / n;
  const dy = (y1 - y0) / n;
  const polys = area.geometry.type === 'Polygon' ? [area.geometry.coordinates] : area.geometry.coordinates;
  let sx = 0;
  let sy = 0;
  let k = 0;
  for (const p of polys[0]?.[0] ?? []) {
    sx += p[0] ?? 0;
    sy += p[1] ?? 0;
    k++;
  }
  const avg = { lng: sx / k, lat: sy / k };
  // PreparedArea gives pointInGeometry's answers (prepared-area.test.ts), ~100× faster on 1,500-vertex rings
  const self = new PreparedArea(area.geometry);
  const others = avoid.map((a) => new PreparedArea(a.geometry));
  const inside = (p: LatLng) => self.contains(p) && !others.some((o) => o.contains(p));
  let best: LatLng | null = null;
  let bestD = Infinity;
  for (let i = 1; i < n; i++) {
    for (let j = 1; j < n; j++) {
      const p = { lng: x0 + i * dx, lat: y0 + j * dy };
      if (!inside(p)) continue;
      let deep = true;
      for (const [a, b] of [[-1, -1], [-1, 0], [-1, 1], [0, -1], [0, 1], [1, -1], [1, 0], [1, 1]] as const) {
        if (!inside({ lng: p.lng + a * dx, lat: p.lat + b * dy })) deep = false;
      }
      if (!deep) continue;
      const d = (p.lng - avg.lng) ** 2 + (p.lat - avg.lat) ** 2;
      if (d < bestD) {
        bestD = d;
        best = p;
      }
    }
  }
  if (!best) throw new Error(`no interior point found for ${area.code}`);
  return best;
}

/** Midpoints of edges that two districts share (same two vertices in both rings). */
export function sharedEdgeMidpoints(areas: Area[], limit = 200): { point: LatLng; codes: [string, string] }[] {
  const edges = new Map<string, string>();
  const out: { point: LatLng; codes: [string, string] }[] = [];
  for (const a of areas) {
    const polys = a.geometry.type === 'Polygon' ? [a.geometry.coordinates] : a.geometry.coordinates;
    for (const rings of polys) {
      for (const ring of rings) {
        for (let i = 0; i + 1 < ring.length; i++) {
          const p = ring[i]!;
          const q = ring[i + 1]!;
          const key = [`${p[0]},${p[1]}`, `${q[0]},${q[1]}`].sort().join('|');
          const other = edges.get(key);
          if (other && other !== a.code && out.length < limit) {
            out.push({ point: { lng: ((p[0] ?? 0) + (q[0] ?? 0)) / 2, lat: ((p[1] ?? 0) + (q[1] ?? 0)) / 2 }, codes: [other, a.code] });
          } else if (!other) edges.set(key, a.code);
        }
      }
    }
  }
  return out;
}
