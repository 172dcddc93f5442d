/**
 * Validation of imported district/zone boundaries (admin GeoJSON import → 422 with these problems).
 * Input is untrusted JSON, hence `unknown`. Re-exported from geo/polygon.
 */
import type { BBox } from './polygon';

export type GeometryProblemCode =
  | 'not_polygon'
  | 'bad_position'
  | 'non_finite'
  | 'out_of_range'
  | 'too_few_points'
  | 'ring_not_closed'
  | 'self_intersection'
  | 'outside_bounds';

export interface GeometryProblem {
  code: GeometryProblemCode;
  /** where, e.g. "coordinates[0][1][5]" */
  path: string;
  message: string;
}

export interface ValidateOptions {
  /** expected area (e.g. the city's bbox); points beyond it plus the margin are reported */
  bounds?: BBox;
  /** tolerance around `bounds` in degrees; default 0.1 (≈ 10 km) */
  marginDegrees?: number;
  /** stop after this many problems; default 50 (a broken file would otherwise list thousands) */
  maxProblems?: number;
}

export type Pt = [number, number];

/** Problems in a Polygon or MultiPolygon geometry; an empty list means it is usable. */
export function validatePolygon(geometry: unknown, options: ValidateOptions = {}): GeometryProblem[] {
  const problems: GeometryProblem[] = [];
  const max = options.maxProblems ?? 50;
  const add = (code: GeometryProblemCode, path: string, message: string) => {
    if (problems.length < max) problems.push({ code, path, message });
  };
  if (!isObject(geometry) || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) {
    add('not_polygon', 'type', '几何类型必须是 Polygon 或 MultiPolygon');
    return problems;
  }
  const coords = geometry.coordinates;
  const polygons: [unknown, string][] =
    geometry.type === 'Polygon'
      ? [[coords, 'coordinates']]
      : Array.isArray(coords)
        ? coords.map((p, i): [unknown, string] => [p, `coordinates[${i}]`])
        : [];
  if (!Array.isArray(coords) || polygons.length === 0) {
    add('not_polygon', 'coordinates', '坐标必须是非空数组');
    return problems;
  }
  for (const [rings, path] of polygons) {
    if (!Array.isArray(rings) || rings.length === 0) {
      add('not_polygon', path, '多边形至少需要一个外环');
      continue;
    }
    const clean: { ring: Pt[]; path: string }[] = [];
    rings.forEach((ring: unknown, r) => {
      const ringPath = `${path}[${r}]`;
      const pts = checkRing(ring, ringPath, options, add);
      if (pts) clean.push({ ring: pts, path: ringPath });
    });
    findIntersections(clean, add);
  }
  return problems;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

type Add = (code: GeometryProblemCode, path: string, message: string) => void;

/** Checks one ring; returns its points without consecutive duplicates when fit for the geometry checks. */
function checkRing(ring: unknown, path: string, options: ValidateOptions, add: Add): Pt[] | null {
  if (!Array.isArray(ring)) {
    add('not_polygon', path, '环必须是坐标数组');
    return null;
  }
  let ok = true;
  const pts: Pt[] = [];
  const margin = options.marginDegrees ?? 0.1;
  let reportedOutside = false;
  ring.forEach((p: unknown, i) => {
    const pPath = `${path}[${i}]`;
    if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number') {
      add('bad_position', pPath, '坐标点必须是 [经度, 纬度] 数字');
      ok = false;
      return;
    }
    const x: number = p[0];
    const y: number = p[1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      add('non_finite', pPath, '坐标包含非有限数值');
      ok = false;
      return;
    }
    if (Math.abs(x) > 180 || Math.abs(y) > 90) {
      add('out_of_range', pPath, '经度须在 ±180、纬度须在 ±90 之内');
      ok = false;
      return;
    }
    const b = options.bounds;
    // One report per ring: a boundary in the wrong place is one mistake, not thousands.
    if (b && !reportedOutside && (x < b[0] - margin || x > b[2] + margin || y < b[1] - margin || y > b[3] + margin)) {
      add('outside_bounds', pPath, '坐标远离本市范围，请检查坐标系或数据来源');
      reportedOutside = true;
    }
    pts.push([x, y]);
  });
  if (!ok) return null;
  if (pts.length < 4) {
    add('too_few_points', path, '环至少需要 4 个坐标点（首尾相同）');
    return null;
  }
  const first = pts[0] as Pt;
  const last = pts[pts.length - 1] as Pt;
  if (first[0] !== last[0] || first[1] !== last[1]) {
    add('ring_not_closed', path, '环未闭合：首尾坐标必须相同');
    return null;
  }
  // Repeated consecutive points are legal GeoJSON; drop them so they do not look like crossings.
  const dedup = pts.filter((p, i) => {
    const prev = pts[i - 1];
    return !prev || prev[0] !== p[0] || prev[1] !== p[1];
  });
  if (dedup.length < 4) {
    add('too_few_points', path, '环至少需要 3 个不同的坐标点');
    return null;
  }
  return dedup;
}

interface Segment {
  a: Pt;
  b: Pt;
  ring: number;
  index: number;
  /** segments in this ring, to recognise the closing neighbour */
  count: number;
  minX: number;
  maxX: number;
}

/**
 * Any two non-adjacent segments of a polygon (within a ring, or between its outer ring and holes)
 * that touch or cross make it invalid. Sweep over x so real boundaries with thousands of points
 * stay fast.
 */
function findIntersections(rings: { ring: Pt[]; path: string }[], add: Add): void {
  const segs: Segment[] = [];
  rings.forEach(({ ring }, r) => {
    const count = ring.length - 1;
    for (let i = 0; i < count; i++) {
      const a = ring[i] as Pt;
      const b = ring[i + 1] as Pt;
      segs.push({ a, b, ring: r, index: i, count, minX: Math.min(a[0], b[0]), maxX: Math.max(a[0], b[0]) });
    }
  });
  segs.sort((s, t) => s.minX - t.minX);
  const reported = new Set<number>();
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i] as Segment;
    for (let j = i + 1; j < segs.length; j++) {
      const t = segs[j] as Segment;
      if (t.minX > s.maxX) break;
      if (s.ring === t.ring && adjacent(s.index, t.index, s.count)) continue;
      if (!segmentsIntersect(s.a, s.b, t.a, t.b)) continue;
      const r = Math.min(s.ring, t.ring);
      if (reported.has(r)) continue;
      reported.add(r);
      const where = rings[r]?.path ?? '';
      const msg =
        s.ring === t.ring ? '边界自相交（线段交叉或接触）' : '内环（洞）与其他环相交或接触';
      add('self_intersection', where, `${msg}：约在 ${fmt(s.a)} 附近`);
    }
  }
}

function adjacent(i: number, j: number, count: number): boolean {
  const d = Math.abs(i - j);
  return d === 1 || d === count - 1;
}

function fmt(p: Pt): string {
  return `[${p[0]}, ${p[1]}]`;
}

function orient(p: Pt, q: Pt, r: Pt): number {
  const v = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

function onSegment(p: Pt, q: Pt, r: Pt): boolean {
  // r is collinear with p–q; is it within the segment's box?
  return (
    Math.min(p[0], q[0]) <= r[0] && r[0] <= Math.max(p[0], q[0]) && Math.min(p[1], q[1]) <= r[1] && r[1] <= Math.max(p[1], q[1])
  );
}

/** Closed-segment intersection (touching counts), collinear overlaps included. */
export function segmentsIntersect(p1: Pt, p2: Pt, q1: Pt, q2: Pt): boolean {
  const o1 = orient(p1, p2, q1);
  const o2 = orient(p1, p2, q2);
  const o3 = orient(q1, q2, p1);
  const o4 = orient(q1, q2, p2);
  if (o1 !== o2 && o3 !== o4) return true;
  if (o1 === 0 && onSegment(p1, p2, q1)) return true;
  if (o2 === 0 && onSegment(p1, p2, q2)) return true;
  if (o3 === 0 && onSegment(q1, q2, p1)) return true;
  if (o4 === 0 && onSegment(q1, q2, p2)) return true;
  return false;
}
