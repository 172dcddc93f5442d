import { describe, expect, it } from 'vitest';
import { nearest, simplifyGeometry, simplifyRing } from './simplify.js';

describe('simplifyRing', () => {
  it('drops points within the tolerance, keeps corners, stays closed', () => {
    // a square with many points along its edges and one tiny bump
    const ring: number[][] = [];
    for (let i = 0; i <= 10; i++) ring.push([113 + i * 0.01, 29]);
    ring.push([113.1, 29.05], [113.10001, 29.07]);
    for (let i = 10; i >= 0; i--) ring.push([113 + i * 0.01, 29.1]);
    ring.push([113, 29]);
    const out = simplifyRing(ring, 0.001);
    expect(out.length).toBeLessThan(ring.length);
    expect(out).toContainEqual([113.1, 29]);
    expect(out).toContainEqual([113.1, 29.1]);
    expect(out).toContainEqual([113, 29.1]);
    expect(out[0]).toEqual(out[out.length - 1]);
    expect(out).not.toContainEqual([113.10001, 29.07]);
  });

  it('rounds to the decimals asked and keeps a triangle as it is', () => {
    const tri = [[113.123456789, 29.1], [113.2, 29.1], [113.2, 29.2], [113.123456789, 29.1]];
    expect(simplifyRing(tri, 1, 4)).toEqual([[113.1235, 29.1], [113.2, 29.1], [113.2, 29.2], [113.1235, 29.1]]);
  });

  it('handles MultiPolygon with holes', () => {
    const sq = (x: number) => [[x, 29], [x + 1, 29], [x + 1, 30], [x, 30], [x, 29]];
    const g = simplifyGeometry({ type: 'MultiPolygon', coordinates: [[sq(113), sq(113.2)], [sq(115)]] }, 0.01);
    expect(g).toHaveLength(2);
    expect(g[0]).toHaveLength(2);
  });
});

describe('nearest', () => {
  it('picks the closest anchor, null for none', () => {
    const a = { code: 'a', center: { lat: 29.45, lng: 113.0 } };
    const b = { code: 'b', center: { lat: 29.3, lng: 113.2 } };
    expect(nearest([a, b], { lat: 29.44, lng: 113.01 })?.code).toBe('a');
    expect(nearest([a, b], { lat: 29.31, lng: 113.18 })?.code).toBe('b');
    expect(nearest([], { lat: 0, lng: 0 })).toBeNull();
  });
});
