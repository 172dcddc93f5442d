import { http } from './request';
import type { District, GeoGeometry } from './types';

interface RawFeature {
  type?: string;
  properties?: Record<string, unknown>;
  geometry?: GeoGeometry | string | null;
}
type RawDistrict = Partial<District> & { geometry?: GeoGeometry | string | null; geojson?: string; type?: string; zoneId?: string; districtCode?: string };
type RawResponse = RawDistrict[] | { items: RawDistrict[] } | { type: 'FeatureCollection'; features: RawFeature[] };

function parseGeometry(g: unknown): GeoGeometry | undefined {
  const value = typeof g === 'string' ? (JSON.parse(g) as unknown) : g;
  if (!value || typeof value !== 'object') return undefined;
  const o = value as { type?: string; geometry?: unknown; coordinates?: unknown };
  if (o.type === 'Feature') return parseGeometry(o.geometry);
  if (o.type === 'Polygon' || o.type === 'MultiPolygon') return value as GeoGeometry;
  return undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}

/** Normalizes one entry: a district `{code,name,...}` or a zone `{id,name,kind:'zone',districtCode}`. */
export function normalizeDistrict(raw: RawDistrict | RawFeature): District | null {
  const isFeature = (raw as RawFeature).type === 'Feature';
  const p: Record<string, unknown> = isFeature ? ((raw as RawFeature).properties ?? {}) : (raw as Record<string, unknown>);
  const kindRaw = str(p.kind) ?? str(p.level) ?? (isFeature ? undefined : str((raw as RawDistrict).type));
  const kind: District['kind'] = kindRaw === 'zone' ? 'zone' : 'district';
  const code = str(p.code) ?? str(p.adcode) ?? str(p.id) ?? str(p.zoneId);
  // Zones are identified by their code (used as zoneId in transfers).
  const id = str(p.id) ?? str(p.zoneId) ?? (kind === 'zone' ? code : undefined);
  const parentCodes = Array.isArray(p.parentCodes) ? p.parentCodes.filter((c): c is string => typeof c === 'string') : [];
  const name = str(p.name);
  if (!code || !name) return null;
  const geometry = parseGeometry((raw as RawFeature).geometry ?? p.geojson ?? p.polygon);
  return {
    code,
    name,
    kind,
    id,
    parentCode: str(p.parentCode) ?? str(p.districtCode) ?? parentCodes[0],
    parentCodes,
    demo: p.demo === true,
    geometry,
  };
}

const caches = new Map<string, Promise<District[]>>();

function load(withGeometry: boolean): Promise<District[]> {
  const key = withGeometry ? 'g' : 'n';
  let cached = caches.get(key);
  if (!cached) {
    cached = http
      .get<RawResponse>('/districts', withGeometry ? { withGeometry: 1 } : undefined)
      .then((res) => {
        const list: (RawDistrict | RawFeature)[] = Array.isArray(res) ? res : 'features' in res ? res.features : res.items;
        return list.map(normalizeDistrict).filter((d): d is District => d !== null);
      })
      .catch((err: unknown) => {
        caches.delete(key);
        throw err;
      });
    caches.set(key, cached);
  }
  return cached;
}

/** GET /districts: the 9 county-level divisions + functional zones, without polygons (labels, pickers); cached. */
export function listDistricts(): Promise<District[]> {
  return load(false);
}

/** GET /districts?withGeometry=1: the same with GeoJSON polygons (≈300 KB, map only); cached. */
export function listDistrictShapes(): Promise<District[]> {
  return load(true);
}

/** code → name for districts and zones. */
export async function districtNames(): Promise<Map<string, string>> {
  const list = await listDistricts();
  const map = new Map<string, string>();
  list.forEach((d) => {
    map.set(d.code, d.name);
    if (d.id) map.set(d.id, d.name);
  });
  return map;
}
