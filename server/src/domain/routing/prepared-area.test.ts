import { describe, expect, it } from 'vitest';
import { bboxOf, pointInGeometry, type AreaGeometry } from '@cgt/shared/geo/polygon';
import { PreparedArea } from './prepared-area.js';
import { sharedEdgeMidpoints, shippedAreas } from './test-areas.js';

const { districts, zones } = shippedAreas();

describe('PreparedArea answers exactly what pointInGeometry answers', () => {
  it('on random points, every vertex and every shared-edge midpoint of the real polygons', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const mids = sharedEdgeMidpoints(districts, 5000).map((m) => m.point);
    for (const area of [...districts, ...zones]) {
      const prep = new PreparedArea(area.geometry);
      const [x0, y0, x1, y1] = bboxOf(area.geometry);
      const pts = Array.from({ length: 3000 }, () => ({ lng: x0 + rnd() * (x1 - x0), lat: y0 + rnd() * (y1 - y0) }));
      const polys = area.geometry.type === 'Polygon' ? [area.geometry.coordinates] : area.geometry.coordinates;
      for (const rings of polys) for (const ring of rings) for (const v of ring) pts.push({ lng: v[0]!, lat: v[1]! });
      pts.push(...mids, { lng: x0, lat: y0 }, { lng: x1, lat: y1 });
      let mismatches = 0;
      for (const p of pts) if (prep.contains(p) !== pointInGeometry(p, area.geometry)) mismatches++;
      expect(mismatches, area.code).toBe(0);
    }
  });

  it('holes, multipolygons, degenerate input', () => {
    const g: AreaGeometry = {
      type: 'MultiPolygon',
      coordinates: [
        [
          [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
          [[2, 2], [8, 2], [8, 8], [2, 8], [2, 2]],
        ],
        [[[20, 0], [30, 0], [25, 10], [20, 0]]],
      ],
    };
    const prep = new PreparedArea(g);
    for (const [lng, lat, want] of [[1, 1, true], [5, 5, false], [9, 9, true], [25, 5, true], [15, 5, false], [0, 5, true], [10, 5, false], [5, 0, true], [5, 10, false]] as const) {
      expect(prep.contains({ lng, lat }), `${lng},${lat}`).toBe(want);
      expect(pointInGeometry({ lng, lat }, g)).toBe(want);
    }
    expect(prep.contains({ lng: Number.NaN, lat: 1 })).toBe(false);
    expect(new PreparedArea({ type: 'Polygon', coordinates: [] }).contains({ lng: 0, lat: 0 })).toBe(false);
    expect(new PreparedArea({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [0, 0]]] }).contains({ lng: 0.5, lat: 0 })).toBe(false);
  });
});
