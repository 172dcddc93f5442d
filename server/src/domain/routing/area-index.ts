import Flatbush from 'flatbush';
import { bboxOf, type AreaGeometry, type BBox } from '@cgt/shared/geo/polygon';
import type { LatLng } from '@cgt/shared/geo/coords';
import { PreparedArea } from './prepared-area.js';

/** A county-level division or a functional zone, as the router sees it (geometry already parsed). */
export interface Area {
  code: string;
  name: string;
  kind: 'district' | 'zone';
  demo: boolean;
  geometry: AreaGeometry;
}

export interface AreaHit {
  district: Area;
  zone: Area | null;
}

/**
 * In-memory spatial index over districts and zones: flatbush over bounding boxes as a pre-filter,
 * then the exact point-in-polygon test (PreparedArea: pointInGeometry's rule over strip-bucketed
 * edges). Built once per data version; lookups are pure and synchronous.
 *
 * Determinism on shared edges: pointInGeometry uses a half-open crossing rule, so a point exactly on an
 * edge two polygons share belongs to one of them. Where polygons overlap anyway (imprecise data, a zone
 * drawn across a border) the first containing area in code order wins — never "whichever loaded first".
 */
export class AreaIndex {
  private readonly districts: Layer;
  private readonly zones: Layer;
  private readonly byCode: Map<string, Area>;

  constructor(areas: readonly Area[]) {
    const sorted = [...areas].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    this.districts = new Layer(sorted.filter((a) => a.kind === 'district'));
    this.zones = new Layer(sorted.filter((a) => a.kind === 'zone'));
    this.byCode = new Map(sorted.map((a) => [a.code, a]));
  }

  /** The county-level division containing the point and the functional zone containing it, or null outside all divisions. */
  resolve(point: LatLng): AreaHit | null {
    if (!Number.isFinite(point.lat) || !Number.isFinite(point.lng)) return null;
    const district = this.districts.first(point);
    if (!district) return null;
    return { district, zone: this.zones.first(point) };
  }

  /** Every area (either kind) containing the point, in code order: for diagnostics and tests. */
  allContaining(point: LatLng): Area[] {
    return [...this.districts.all(point), ...this.zones.all(point)];
  }

  get(code: string): Area | undefined {
    return this.byCode.get(code);
  }

  get size(): number {
    return this.byCode.size;
  }
}

class Layer {
  private readonly tree: Flatbush | null;
  private readonly boxes: BBox[];
  private readonly prepared: PreparedArea[];

  constructor(private readonly areas: readonly Area[]) {
    this.boxes = areas.map((a) => bboxOf(a.geometry));
    this.prepared = areas.map((a) => new PreparedArea(a.geometry));
    // flatbush refuses an empty tree; an empty layer simply finds nothing
    if (areas.length === 0) {
      this.tree = null;
      return;
    }
    const tree = new Flatbush(areas.length);
    for (const b of this.boxes) tree.add(b[0], b[1], b[2], b[3]);
    tree.finish();
    this.tree = tree;
  }

  private candidates(p: LatLng): number[] {
    if (!this.tree) return [];
    // indices follow insertion order = code order; flatbush returns them unordered
    return this.tree.search(p.lng, p.lat, p.lng, p.lat).sort((a, b) => a - b);
  }

  first(p: LatLng): Area | null {
    for (const i of this.candidates(p)) {
      const a = this.areas[i];
      if (a && this.prepared[i]!.contains(p)) return a;
    }
    return null;
  }

  all(p: LatLng): Area[] {
    return this.candidates(p)
      .filter((i) => this.prepared[i]!.contains(p))
      .map((i) => this.areas[i])
      .filter((a): a is Area => !!a);
  }
}
