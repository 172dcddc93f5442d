import { describe, expect, it } from 'vitest';
import { validatePolygon as fromPolygonModule } from './polygon';
import { segmentsIntersect, validatePolygon, type Pt } from './validate';

const square = [[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]];
const codes = (g: unknown, o?: Parameters<typeof validatePolygon>[1]) => validatePolygon(g, o).map((p) => p.code);

describe('validatePolygon', () => {
  it('is re-exported from geo/polygon', () => {
    expect(fromPolygonModule).toBe(validatePolygon);
  });

  it('accepts valid polygons, holes, multipolygons and repeated points', () => {
    expect(validatePolygon({ type: 'Polygon', coordinates: [square] })).toEqual([]);
    expect(
      validatePolygon({
        type: 'Polygon',
        coordinates: [square, [[0.5, 0.5], [1, 0.5], [1, 1], [0.5, 0.5]]],
      }),
    ).toEqual([]);
    expect(validatePolygon({ type: 'MultiPolygon', coordinates: [[square], [[[5, 5], [6, 5], [6, 6], [5, 5]]]] })).toEqual(
      [],
    );
    expect(validatePolygon({ type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 0], [2, 2], [0, 2], [0, 0]]] })).toEqual(
      [],
    );
  });

  it('rejects non-polygons', () => {
    expect(codes(null)).toEqual(['not_polygon']);
    expect(codes({ type: 'Point', coordinates: [1, 2] })).toEqual(['not_polygon']);
    expect(codes({ type: 'Polygon', coordinates: [] })).toEqual(['not_polygon']);
    expect(codes({ type: 'Polygon' })).toEqual(['not_polygon']);
    expect(codes({ type: 'MultiPolygon', coordinates: [[]] })).toEqual(['not_polygon']);
    expect(codes({ type: 'Polygon', coordinates: ['x'] })).toEqual(['not_polygon']);
  });

  it('reports unclosed rings and too few points', () => {
    expect(codes({ type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 2], [0, 2]]] })).toEqual(['ring_not_closed']);
    expect(codes({ type: 'Polygon', coordinates: [[[0, 0], [2, 0], [0, 0]]] })).toEqual(['too_few_points']);
    expect(codes({ type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 0], [0, 0]]] })).toEqual(['too_few_points']);
  });

  it('reports bad and non-finite positions with their path', () => {
    const p = validatePolygon({ type: 'Polygon', coordinates: [[[0, 0], [2, 'x'], [2, 2], [0, 0]]] });
    expect(p).toMatchObject([{ code: 'bad_position', path: 'coordinates[0][1]' }]);
    expect(p[0]?.message).toMatch(/经度/);
    expect(codes({ type: 'Polygon', coordinates: [[[0, 0], [2, Number.NaN], [2, 2], [0, 0]]] })).toEqual(['non_finite']);
    expect(codes({ type: 'Polygon', coordinates: [[[0, 0], [200, 0], [2, 2], [0, 0]]] })).toEqual(['out_of_range']);
  });

  it('reports self-intersection (bow tie, touching vertex, collinear overlap)', () => {
    const bowTie = [[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]];
    expect(codes({ type: 'Polygon', coordinates: [bowTie] })).toEqual(['self_intersection']);
    // Ring touching itself at (1,1).
    const pinched = [[0, 0], [2, 0], [1, 1], [2, 2], [0, 2], [1, 1], [0, 0]];
    expect(codes({ type: 'Polygon', coordinates: [pinched] })).toEqual(['self_intersection']);
    // Spike going back along itself.
    const spike = [[0, 0], [2, 0], [3, 0], [2, 0], [2, 2], [0, 0]];
    expect(codes({ type: 'Polygon', coordinates: [spike] })).toEqual(['self_intersection']);
  });

  it('reports a hole crossing the outer ring', () => {
    const hole = [[1, 1], [3, 1], [3, 1.5], [1, 1]];
    const p = validatePolygon({ type: 'Polygon', coordinates: [square, hole] });
    expect(p.map((x) => x.code)).toEqual(['self_intersection']);
    expect(p[0]?.message).toMatch(/内环/);
  });

  it('reports coordinates far outside the expected bounds, once per ring', () => {
    const city = [112.9, 28.6, 114.2, 29.9] as const; // roughly 岳阳
    const near = [[113, 29], [113.1, 29], [113.1, 29.1], [113, 29]];
    expect(codes({ type: 'Polygon', coordinates: [near] }, { bounds: city })).toEqual([]);
    // A boundary of another city (e.g. Beijing) imported by mistake: reported once, not per point.
    const beijing = near.map(([x, y]) => [(x ?? 0) + 3.4, (y ?? 0) + 10.9]);
    expect(codes({ type: 'Polygon', coordinates: [beijing] }, { bounds: city })).toEqual(['outside_bounds']);
    // Just outside the box but inside the default 0.1° margin.
    const edge = [[114.25, 29], [114.28, 29], [114.28, 29.1], [114.25, 29]];
    expect(codes({ type: 'Polygon', coordinates: [edge] }, { bounds: city })).toEqual([]);
    expect(codes({ type: 'Polygon', coordinates: [edge] }, { bounds: city, marginDegrees: 0 })).toEqual(['outside_bounds']);
  });

  it('caps the number of problems', () => {
    const rings = Array.from({ length: 10 }, () => [[0, 0], [1, 0]]);
    expect(validatePolygon({ type: 'Polygon', coordinates: rings }, { maxProblems: 3 })).toHaveLength(3);
  });

  it('is fast on a large valid ring', () => {
    const n = 20_000;
    const ring = Array.from({ length: n }, (_, i) => {
      const a = (2 * Math.PI * i) / n;
      return [113 + Math.cos(a), 29 + Math.sin(a)];
    });
    ring.push(ring[0] as number[]);
    const t = Date.now();
    expect(validatePolygon({ type: 'Polygon', coordinates: [ring] })).toEqual([]);
    expect(Date.now() - t).toBeLessThan(2000);
  });
});

describe('segmentsIntersect', () => {
  it.each([
    [[0, 0], [2, 2], [0, 2], [2, 0], true],
    [[0, 0], [1, 0], [2, 0], [3, 0], false],
    [[0, 0], [2, 0], [1, 0], [3, 0], true],
    [[0, 0], [1, 0], [1, 0], [1, 1], true],
    [[0, 0], [2, 0], [3, 0], [3, 1], false],
    [[0, 0], [1, 1], [0, 1], [0.4, 0.6], false],
  ] as [Pt, Pt, Pt, Pt, boolean][])('%j-%j × %j-%j → %s', (a, b, c, d, expected) => {
    expect(segmentsIntersect(a, b, c, d)).toBe(expected);
  });
});
