import type { ListDistrictsResponse } from '@cgt/shared/schemas/districts';
import { http } from './request';
import type { District } from './types';

/** GET /districts as the server presents it: `{ items }`, zones identified by their code. */
export async function fetchDistricts(withGeometry: boolean): Promise<District[]> {
  const res = await http.get<ListDistrictsResponse>('/districts', withGeometry ? { withGeometry: 1 } : undefined);
  // geometry is a GeoJSON Polygon/MultiPolygon (the schema keeps it an open record)
  return res.items as District[];
}

const caches = new Map<string, Promise<District[]>>();

function load(withGeometry: boolean): Promise<District[]> {
  const key = withGeometry ? 'g' : 'n';
  let cached = caches.get(key);
  if (!cached) {
    cached = fetchDistricts(withGeometry).catch((err: unknown) => {
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
  list.forEach((d) => map.set(d.code, d.name));
  return map;
}
