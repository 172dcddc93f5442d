import { describe, expect, it } from 'vitest';
import {
  bboxContains,
  bboxIntersects,
  bboxOf,
  bboxUnion,
  expandBbox,
  pointInGeometry,
  type MultiPolygonGeometry,
  type PolygonGeometry,
} from './polygon';

const pt = (lng: number, lat: number) => ({ lng, lat });

// West square [0,2]×[0,2] with a hole [0.5,1]×[0.5,1]; east square [2,4]×[0,2] shares the edge x=2.
const west: PolygonGeometry = {
  type: 'Polygon',
  coordinates: [
    [[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]],
    [[0.5, 0.5], [0.5, 1], [1, 1], [1, 0.5], [0.5, 0.5]],
  ],
};
// Traversed clockwise on purpose: orientation must not matter.
const east: PolygonGeometry = {
  type: 'Polygon',
  coordinates: [[[2, 0], [2, 2], [4, 2], [4, 0], [2, 0]]],
};
// North of west, sharing y=2.
const north: PolygonGeometry = {
  type: 'Polygon',
  coordinates: [[[0, 2], [2, 2], [2, 3], [0, 3], [0, 2]]],
};
// An island (enclave) filling west's hole exactly.
const enclave: PolygonGeometry = {
  type: 'Polygon',
  coordinates: [[[0.5, 0.5], [1, 0.5], [1, 1], [0.5, 1], [0.5, 0.5]]],
};
const multi: MultiPolygonGeometry = {
  type: 'MultiPolygon',
  coordinates: [west.coordinates, [[[10, 10], [11, 10], [10.5, 11], [10, 10]]]],
};

describe('pointInGeometry', () => {
  it.each([
    [pt(0.25, 0.25), true],
    [pt(1.5, 1.5), true],
    [pt(0.75, 0.75), false], // in the hole
    [pt(-1, 1), false],
    [pt(3, 1), false],
    [pt(Number.NaN, 1), false],
  ])('west contains %j: %s', (p, expected) => {
    expect(pointInGeometry(p, west)).toBe(expected);
  });

  it('MultiPolygon: any part', () => {
    expect(pointInGeometry(pt(10.5, 10.4), multi)).toBe(true);
    expect(pointInGeometry(pt(0.25, 0.25), multi)).toBe(true);
    expect(pointInGeometry(pt(0.75, 0.75), multi)).toBe(false);
    expect(pointInGeometry(pt(5, 5), multi)).toBe(false);
  });

  it('a point on a shared north–south edge belongs to exactly one polygon (the east one)', () => {
    for (const y of [0.1, 0.5, 1, 1.3333333333, 1.99]) {
      const p = pt(2, y);
      expect([pointInGeometry(p, west), pointInGeometry(p, east)]).toEqual([false, true]);
    }
  });

  it('a point on a shared east–west edge belongs to the north polygon', () => {
    const p = pt(1, 2);
    expect([pointInGeometry(p, west), pointInGeometry(p, north)]).toEqual([false, true]);
  });

  it('a point on a slanted shared edge belongs to exactly one side, whatever the float rounding', () => {
    // Triangles split by the diagonal (0,0)–(3,7), traversed in opposite directions.
    const left: PolygonGeometry = { type: 'Polygon', coordinates: [[[0, 0], [3, 7], [0, 7], [0, 0]]] };
    const right: PolygonGeometry = { type: 'Polygon', coordinates: [[[0, 0], [3, 0], [3, 7], [0, 0]]] };
    for (let k = 1; k < 50; k++) {
      const y = (7 * k) / 50;
      const p = pt((3 * y) / 7, y); // on the diagonal up to rounding
      const hits = [pointInGeometry(p, left), pointInGeometry(p, right)].filter(Boolean).length;
      expect(hits).toBe(1);
    }
  });

  it('a point on a hole edge goes either to the polygon or to the enclave, never both', () => {
    for (const p of [pt(0.5, 0.7), pt(1, 0.7), pt(0.7, 0.5), pt(0.7, 1), pt(0.5, 0.5), pt(1, 1)]) {
      expect(pointInGeometry(p, west) !== pointInGeometry(p, enclave)).toBe(true);
    }
  });

  it('shared corner of four squares belongs to exactly one', () => {
    const sq = (x: number, y: number): PolygonGeometry => ({
      type: 'Polygon',
      coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]],
    });
    const squares = [sq(0, 0), sq(1, 0), sq(0, 1), sq(1, 1)];
    expect(squares.filter((s) => pointInGeometry(pt(1, 1), s))).toEqual([sq(1, 1)]);
  });
});

describe('bounding boxes', () => {
  it('bboxOf ignores holes and handles MultiPolygon', () => {
    expect(bboxOf(west)).toEqual([0, 0, 2, 2]);
    expect(bboxOf(multi)).toEqual([0, 0, 11, 11]);
  });
  it('bboxContains is inclusive', () => {
    expect(bboxContains([0, 0, 2, 2], pt(2, 2))).toBe(true);
    expect(bboxContains([0, 0, 2, 2], pt(2.01, 1))).toBe(false);
  });
  it('union, expand, intersects', () => {
    expect(bboxUnion([0, 0, 1, 1], [2, -1, 3, 0.5])).toEqual([0, -1, 3, 1]);
    expect(expandBbox([0, 0, 1, 1], 0.5)).toEqual([-0.5, -0.5, 1.5, 1.5]);
    expect(bboxIntersects([0, 0, 1, 1], [1, 1, 2, 2])).toBe(true);
    expect(bboxIntersects([0, 0, 1, 1], [1.1, 0, 2, 1])).toBe(false);
  });
});
