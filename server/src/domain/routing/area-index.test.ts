import { describe, expect, it } from 'vitest';
import { pointInGeometry } from '@cgt/shared/geo/polygon';
import { AreaIndex, type Area } from './area-index.js';
import { interiorPoint, sharedEdgeMidpoints, shippedAreas } from './test-areas.js';

const { districts, zones } = shippedAreas();
const index = new AreaIndex([...districts, ...zones]);

const ADCODES = ['430602', '430603', '430611', '430621', '430623', '430624', '430626', '430681', '430682'];

describe('AreaIndex with the shipped polygons', () => {
  it('has the 9 county-level divisions and the 3 demo zones', () => {
    expect(districts.map((d) => d.code).sort()).toEqual(ADCODES);
    expect(zones.map((z) => z.code).sort()).toEqual(['Z-CLJ', 'Z-JKQ', 'Z-NHXQ']);
  });

  it.each(ADCODES)('a point inside %s resolves to that adcode', (code) => {
    const area = districts.find((d) => d.code === code)!;
    const p = interiorPoint(area, zones);
    expect(pointInGeometry(p, area.geometry)).toBe(true);
    const hit = index.resolve(p);
    expect(hit?.district.code).toBe(code);
    expect(hit?.zone).toBeNull();
  });

  it('known places: 岳阳楼区 government (113.1297, 29.3718), 君山区 centre (113.0064, 29.4611)', () => {
    expect(index.resolve({ lng: 113.129684, lat: 29.371814 })?.district.code).toBe('430602');
    expect(index.resolve({ lng: 113.006435, lat: 29.461106 })?.district.code).toBe('430611');
    // 岳阳楼 itself (113.0935, 29.3787) stands on the lake shore, which the simplified seed polygons
    // draw ~0.01° east of the real shore: it falls in 岳阳县's lake part. Kept as a known data limit.
    expect(index.resolve({ lng: 113.0935, lat: 29.3787 })?.district.code).toBe('430621');
  });

  it.each(['Z-NHXQ', 'Z-JKQ', 'Z-CLJ'])('a point inside zone %s resolves to the zone and to the district under it', (code) => {
    const zone = zones.find((z) => z.code === code)!;
    const p = interiorPoint(zone);
    const hit = index.resolve(p)!;
    expect(hit.zone?.code).toBe(code);
    const under = districts.find((d) => pointInGeometry(p, d.geometry))!;
    expect(hit.district.code).toBe(under.code);
    expect(['430602', '430603']).toContain(hit.district.code);
  });

  it('every demo zone lies inside 岳阳楼区/云溪区 and the zones do not overlap', () => {
    for (const z of zones) {
      const ring = z.geometry.type === 'Polygon' ? z.geometry.coordinates[0]! : [];
      for (const v of ring) {
        const hit = index.resolve({ lng: v[0]!, lat: v[1]! });
        expect(['430602', '430603'], `${z.code} vertex ${String(v)}`).toContain(hit?.district.code);
      }
      for (const other of zones) {
        if (other !== z) expect(pointInGeometry(interiorPoint(z), other.geometry)).toBe(false);
      }
    }
  });

  it('outside the city → null (长沙, 0/0, NaN)', () => {
    expect(index.resolve({ lng: 112.94, lat: 28.23 })).toBeNull();
    expect(index.resolve({ lng: 0, lat: 0 })).toBeNull();
    expect(index.resolve({ lng: Number.NaN, lat: 29.37 })).toBeNull();
  });

  it('a point on a shared edge belongs to exactly one district', () => {
    const mids = sharedEdgeMidpoints(districts, 500);
    expect(mids.length).toBeGreaterThan(50);
    for (const m of mids) {
      const containing = districts.filter((d) => pointInGeometry(m.point, d.geometry)).map((d) => d.code);
      expect(containing, `edge ${m.codes.join('/')} at ${m.point.lng},${m.point.lat}`).toHaveLength(1);
      expect(m.codes).toContain(containing[0]);
      expect(index.resolve(m.point)?.district.code).toBe(containing[0]);
    }
  });

  it('shared vertices too: never two districts', () => {
    for (const d of districts) {
      const ring = d.geometry.type === 'Polygon' ? d.geometry.coordinates[0]! : d.geometry.coordinates[0]![0]!;
      for (const v of ring) {
        const p = { lng: v[0]!, lat: v[1]! };
        // allContaining applies pointInGeometry's rule (see prepared-area.test.ts)
        expect(index.allContaining(p).filter((a) => a.kind === 'district').length).toBeLessThanOrEqual(1);
      }
    }
  });

  it('overlapping areas: the first in code order wins, whatever the load order', () => {
    const square = (x: number, y: number): Area['geometry'] => ({ type: 'Polygon', coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]] });
    const a: Area = { code: 'B', name: 'b', kind: 'district', demo: false, geometry: square(0, 0) };
    const b: Area = { code: 'A', name: 'a', kind: 'district', demo: false, geometry: square(0.5, 0) };
    expect(new AreaIndex([a, b]).resolve({ lng: 0.75, lat: 0.5 })?.district.code).toBe('A');
    expect(new AreaIndex([b, a]).resolve({ lng: 0.75, lat: 0.5 })?.district.code).toBe('A');
    expect(new AreaIndex([]).resolve({ lng: 0.75, lat: 0.5 })).toBeNull();
  });

  it('throughput with the real polygons (printed)', () => {
    // deterministic pseudo-random points over the city's bbox
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pts = Array.from({ length: 20000 }, () => ({ lng: 112.3 + rnd() * 1.9, lat: 28.4 + rnd() * 1.45 }));
    let found = 0;
    const t0 = performance.now();
    for (const p of pts) if (index.resolve(p)) found++;
    const ms = performance.now() - t0;
    const perSec = Math.round((pts.length / ms) * 1000);
    console.log(`[routing bench] AreaIndex.resolve: ${pts.length} points in ${ms.toFixed(0)} ms → ${perSec} points/s (${found} inside)`);
    expect(found).toBeGreaterThan(pts.length / 4);
    expect(perSec).toBeGreaterThan(2000);
  });
});
