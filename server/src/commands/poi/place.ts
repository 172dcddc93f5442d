import { toGcj02, type CoordSys, type LatLng } from '@cgt/shared/geo/coords';
import { validateOpeningHours, type OpeningHours } from '@cgt/shared/poi/opening-hours';
import type { AppDeps } from '../../deps.js';
import { fail } from '../../http/errors.js';
import { routingSnapshot } from '../../services/routing.js';

/** The county-level division of a GCJ-02 point (from the routing index), or null outside the city. */
export async function districtResolver(deps: AppDeps): Promise<(p: LatLng) => { code: string } | null> {
  const snap = await routingSnapshot(deps);
  return (p) => {
    const hit = snap.index.resolve(p);
    return hit ? { code: hit.district.code } : null;
  };
}

/** Request body → document fields: location to GCJ-02 and inside the city (422 otherwise), opening hours checked. */
export async function placeFields(deps: AppDeps, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { coordSys, ...fields } = body as { coordSys?: CoordSys; location?: LatLng; openingHours?: OpeningHours };
  const out: Record<string, unknown> = { ...fields };
  if (fields.openingHours) {
    const errs = validateOpeningHours(fields.openingHours);
    if (errs.length) throw fail('invalid_opening_hours', errs.map((message) => ({ field: 'openingHours', message })), errs[0]!);
  }
  if (fields.location) {
    const location = toGcj02(fields.location, coordSys ?? 'gcj02');
    const district = (await districtResolver(deps))(location);
    if (!district) throw fail('outside_jurisdiction', [{ field: 'location', message: '坐标不在本市范围内（请检查经纬度及坐标系）' }]);
    out.location = location;
    out.districtCode = district.code;
  }
  return out;
}
