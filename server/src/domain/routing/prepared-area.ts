import type { AreaGeometry } from '@cgt/shared/geo/polygon';
import type { LatLng } from '@cgt/shared/geo/coords';

/**
 * A polygon prepared for many point lookups: its edges bucketed into horizontal strips, so a lookup
 * tests only the few edges whose latitude range can cover the point instead of all ~1,500 of a
 * county boundary.
 *
 * It must answer exactly what shared/geo/polygon.pointInGeometry answers (the half-open crossing rule
 * that makes shared edges deterministic), so it repeats that function's arithmetic operation for
 * operation: each edge stored lower endpoint first, `y < loY || y >= hiY` skipped, and the same
 * cross product compared with 0. prepared-area.test.ts checks the equality on the real polygons.
 */
export class PreparedArea {
  private readonly loX: Float64Array;
  private readonly loY: Float64Array;
  private readonly hiX: Float64Array;
  private readonly hiY: Float64Array;
  private readonly ringOf: Int32Array;
  /** ring → polygon index; outer ring flag */
  private readonly ringPolygon: Int32Array;
  private readonly ringOuter: Uint8Array;
  private readonly polygonCount: number;
  private readonly minY: number;
  private readonly stripHeight: number;
  private readonly strips: Int32Array[];
  // scratch buffers reused by contains(): lookups are synchronous, so no two can interleave
  private readonly parity: Uint8Array;
  private readonly outerIn: Uint8Array;
  private readonly holeIn: Uint8Array;

  constructor(geometry: AreaGeometry) {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    const edges: [number, number, number, number, number][] = [];
    const ringPolygon: number[] = [];
    const ringOuter: number[] = [];
    let minY = Infinity;
    let maxY = -Infinity;
    polygons.forEach((rings, pi) => {
      rings.forEach((ring, ri) => {
        const r = ringPolygon.length;
        ringPolygon.push(pi);
        ringOuter.push(ri === 0 ? 1 : 0);
        const n = ring.length;
        for (let i = 0, j = n - 1; i < n; j = i++) {
          const p = ring[i];
          const q = ring[j];
          if (!p || !q) continue;
          const [lo, hi] = (p[1] ?? 0) <= (q[1] ?? 0) ? [p, q] : [q, p];
          const loY = lo[1] ?? 0;
          const hiY = hi[1] ?? 0;
          if (!(loY < hiY)) continue; // horizontal (or NaN) edges never count in the half-open rule
          edges.push([lo[0] ?? 0, loY, hi[0] ?? 0, hiY, r]);
          if (loY < minY) minY = loY;
          if (hiY > maxY) maxY = hiY;
        }
      });
    });
    const m = edges.length;
    this.loX = new Float64Array(m);
    this.loY = new Float64Array(m);
    this.hiX = new Float64Array(m);
    this.hiY = new Float64Array(m);
    this.ringOf = new Int32Array(m);
    edges.forEach(([a, b, c, d, r], k) => {
      this.loX[k] = a;
      this.loY[k] = b;
      this.hiX[k] = c;
      this.hiY[k] = d;
      this.ringOf[k] = r;
    });
    this.ringPolygon = Int32Array.from(ringPolygon);
    this.ringOuter = Uint8Array.from(ringOuter);
    this.polygonCount = polygons.length;
    // about 4 edges per strip on average keeps lookups short and memory linear
    const stripCount = m === 0 ? 1 : Math.max(1, Math.ceil(m / 4));
    this.minY = m === 0 ? 0 : minY;
    this.stripHeight = m === 0 ? 1 : (maxY - minY) / stripCount || 1;
    const buckets: number[][] = Array.from({ length: stripCount }, () => []);
    for (let k = 0; k < m; k++) {
      // float division is monotonic, so any y in [loY, hiY) maps to a strip between these two
      const s0 = this.stripOf(this.loY[k]!, stripCount);
      const s1 = this.stripOf(this.hiY[k]!, stripCount);
      for (let s = s0; s <= s1; s++) buckets[s]!.push(k);
    }
    this.strips = buckets.map((b) => Int32Array.from(b));
    this.parity = new Uint8Array(ringPolygon.length);
    this.outerIn = new Uint8Array(polygons.length);
    this.holeIn = new Uint8Array(polygons.length);
  }

  private stripOf(y: number, count = this.strips.length): number {
    const s = Math.floor((y - this.minY) / this.stripHeight);
    return s < 0 ? 0 : s >= count ? count - 1 : s;
  }

  contains(point: LatLng): boolean {
    const x = point.lng;
    const y = point.lat;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return false;
    const strip = this.strips[this.stripOf(y)];
    if (!strip || strip.length === 0) return false;
    // parity per ring, toggled exactly as ringContains does
    const parity = this.parity;
    parity.fill(0);
    for (let i = 0; i < strip.length; i++) {
      const k = strip[i]!;
      const loY = this.loY[k]!;
      const hiY = this.hiY[k]!;
      if (y < loY || y >= hiY) continue;
      const loX = this.loX[k]!;
      const cross = (this.hiX[k]! - loX) * (y - loY) - (x - loX) * (hiY - loY);
      if (cross > 0) {
        const r = this.ringOf[k]!;
        parity[r] = parity[r]! ^ 1;
      }
    }
    // inside = inside some polygon's outer ring and none of that polygon's holes
    const outerIn = this.outerIn;
    const holeIn = this.holeIn;
    outerIn.fill(0);
    holeIn.fill(0);
    for (let r = 0; r < parity.length; r++) {
      if (!parity[r]) continue;
      const p = this.ringPolygon[r]!;
      if (this.ringOuter[r]) outerIn[p] = 1;
      else holeIn[p] = 1;
    }
    for (let p = 0; p < this.polygonCount; p++) if (outerIn[p] && !holeIn[p]) return true;
    return false;
  }
}
