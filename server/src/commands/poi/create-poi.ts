import type { AppDeps } from '../../deps.js';
import type { PoiType } from '../../domain/poi/import-rows.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { actorOf, recordAudit } from '../../services/audit.js';
import { getPoiSnapshot, poiDataChanged } from '../../services/poi-index.js';
import { POI_STORES, type PoiEntry } from './kinds.js';
import { placeFields } from './place.js';

/** 新增停车场 / 公厕 (admins): the place must lie in the city. Returns it as the index now holds it. */
export async function createPoi(deps: AppDeps, by: StaffPrincipal, type: PoiType, body: Record<string, unknown>, ip: string): Promise<PoiEntry> {
  const store = POI_STORES[type];
  const fields = await placeFields(deps, body);
  const doc = await store.model(deps).create({ ...fields, demo: false });
  const id = String(doc._id);
  await poiDataChanged(deps);
  await recordAudit(deps, { actor: actorOf(by), action: `${store.auditTarget}.create`, targetType: store.auditTarget, targetId: id, ip, details: { name: fields.name } });
  return store.byId(await getPoiSnapshot(deps), id)!;
}
