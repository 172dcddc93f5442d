import { createHash } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { AreaGeometry } from '@cgt/shared/geo/polygon';
import type { MapBaseResponse, MapBaseStreet } from '@cgt/shared/schemas/map';
import type { AppDeps } from '../deps.js';
import { nearest, simplifyGeometry } from '../domain/map/simplify.js';
import { routingSnapshot } from './routing.js';

/** ≈ 30 m: outlines stay recognisable at street zoom while the whole city stays a few dozen kB */
const DRAW_TOLERANCE_DEG = 0.0003;
/** street anchors change only by data import: a short cache keeps the routing preview at one lookup */
const STREETS_TTL_MS = 30_000;

interface Cached {
  version: number;
  streetsKey: string;
  body: string;
  etag: string;
}
const baseCache = new WeakMap<Connection, Cached>();
const streetCache = new WeakMap<Connection, { at: number; rows: MapBaseStreet[] }>();

/** Township-level units (街道/镇/乡) with their seats where known; the collection is one city's units (≈ 140 at most). */
export async function mapStreets(deps: AppDeps): Promise<MapBaseStreet[]> {
  const hit = streetCache.get(deps.connection);
  if (hit && deps.now().getTime() - hit.at < STREETS_TTL_MS) return hit.rows;
  const docs = await deps.models.Street.find({}, { _id: 0, code: 1, name: 1, countyAdcode: 1, center: 1 })
    .sort({ code: 1 })
    .limit(1000)
    .lean<{ code: string; name: string; countyAdcode: string; center?: { lat?: number | null; lng?: number | null } | null }[]>();
  const rows = docs.map((d) => ({
    code: d.code,
    name: d.name,
    countyAdcode: d.countyAdcode,
    center: d.center && Number.isFinite(d.center.lat) && Number.isFinite(d.center.lng) ? { lat: d.center.lat!, lng: d.center.lng! } : null,
  }));
  streetCache.set(deps.connection, { at: deps.now().getTime(), rows });
  return rows;
}

/** Forget the cached street anchors (after an import, and in tests that set them). */
export function streetsChanged(deps: AppDeps): void {
  streetCache.delete(deps.connection);
}

/** The nearest street unit of a district to a GCJ-02 point, among those whose seat is known. */
export async function nearestStreet(deps: AppDeps, districtCode: string, point: { lat: number; lng: number }): Promise<{ code: string; name: string } | null> {
  const anchored = (await mapStreets(deps)).filter((s): s is MapBaseStreet & { center: { lat: number; lng: number } } => s.countyAdcode === districtCode && s.center !== null);
  const s = nearest(anchored, point);
  return s ? { code: s.code, name: s.name } : null;
}

/**
 * The offline base map: every active district and zone outline, simplified for drawing, with a label
 * point, plus the street units. Serialised once per routing data version (and street set); the route
 * answers revalidations with 304.
 */
export async function mapBase(deps: AppDeps): Promise<{ body: string; etag: string }> {
  const { version } = await routingSnapshot(deps);
  const streets = await mapStreets(deps);
  const streetsKey = JSON.stringify(streets);
  const hit = baseCache.get(deps.connection);
  if (hit && hit.version === version && hit.streetsKey === streetsKey) return hit;
  const docs = await deps.models.District.find({ active: { $ne: false } }, { code: 1, name: 1, kind: 1, demo: 1, geometry: 1, center: 1, bbox: 1 })
    .limit(1000)
    .lean<{ code: string; name: string; kind: 'district' | 'zone'; demo?: boolean; geometry: string; center?: { lat?: number; lng?: number }; bbox?: { minLng?: number; minLat?: number; maxLng?: number; maxLat?: number } }[]>();
  docs.sort((a, b) => (a.kind === b.kind ? (a.code < b.code ? -1 : 1) : a.kind === 'district' ? -1 : 1));
  const areas: MapBaseResponse['areas'] = [];
  for (const d of docs) {
    let geometry: AreaGeometry;
    try {
      geometry = JSON.parse(d.geometry) as AreaGeometry;
    } catch {
      continue; // routing skips an unreadable geometry too
    }
    const b = d.bbox ?? {};
    const label =
      d.center?.lat && d.center?.lng
        ? { lat: d.center.lat, lng: d.center.lng }
        : { lat: ((b.minLat ?? 0) + (b.maxLat ?? 0)) / 2, lng: ((b.minLng ?? 0) + (b.maxLng ?? 0)) / 2 };
    areas.push({ code: d.code, name: d.name, kind: d.kind, demo: !!d.demo, label, polygons: simplifyGeometry(geometry, DRAW_TOLERANCE_DEG) });
  }
  const body = JSON.stringify({ version, areas, streets } satisfies MapBaseResponse);
  const entry = { version, streetsKey, body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
  baseCache.set(deps.connection, entry);
  return entry;
}
