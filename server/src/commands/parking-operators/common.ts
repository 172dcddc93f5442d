import type { AppDeps } from '../../deps.js';
import { fail } from '../../http/errors.js';
import { getPoiSnapshot } from '../../services/poi-index.js';

/** A car park operator as stored (the fields the console sees; the key hash is never read back). */
export interface OperatorRecord {
  _id: unknown;
  name: string;
  parkingIds?: string[] | null;
  keyPrefix: string;
  active?: boolean | null;
  createdAt?: Date | null;
}

/** An operator with its newly issued API key (shown once). */
export interface OperatorWithKey {
  operator: OperatorRecord;
  apiKey: string;
}

/** Every id must name an existing car park (422 naming the entry otherwise); returned lower-cased and unique. */
export async function checkParkingIds(deps: AppDeps, ids: string[]): Promise<string[]> {
  const snap = await getPoiSnapshot(deps);
  const out = [...new Set(ids.map((i) => i.toLowerCase()))];
  const bad = ids.map((id, i) => ({ id, i })).filter(({ id }) => !snap.carParkById.has(id.toLowerCase()));
  if (bad.length) throw fail('unknown_car_park', bad.map(({ i }) => ({ field: `parkingIds[${i}]`, message: '停车场不存在' })));
  return out;
}
